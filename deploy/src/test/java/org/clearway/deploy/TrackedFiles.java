package org.clearway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The files git tracks in a working tree ({@code git ls-files}), and the secret scan over their text. */
final class TrackedFiles {
    /** Larger files are data, not configuration or code. */
    static final long MAX_BYTES = 2L << 20;
    private static final int BINARY_PROBE = 8000;

    private TrackedFiles() {
    }

    /** The tracked paths, relative to {@code root}, as git lists them. */
    static List<String> list(Path root) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-c", "core.quotepath=off", "ls-files", "-z")
                .directory(root.toFile()).redirectErrorStream(false).start();
        byte[] out = git.getInputStream().readAllBytes();
        String err = new String(git.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new IllegalStateException("git ls-files failed in " + root + " (the secret scan needs a git checkout"
                    + " and git on the PATH): " + err.strip());
        }
        List<String> paths = new ArrayList<>();
        for (String p : new String(out, StandardCharsets.UTF_8).split("\0")) {
            if (!p.isEmpty()) {
                paths.add(p);
            }
        }
        return paths;
    }

    /** Every finding in the text files git tracks under {@code root} (binaries and files over 2 MiB skipped). */
    static List<SecretScanner.Finding> scan(Path root) throws IOException, InterruptedException {
        List<SecretScanner.Finding> findings = new ArrayList<>();
        for (String path : list(root)) {
            Path file = root.resolve(path);
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (isBinary(bytes)) {
                continue;
            }
            findings.addAll(SecretScanner.scan(path, new String(bytes, StandardCharsets.UTF_8)));
        }
        return findings;
    }

    static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
