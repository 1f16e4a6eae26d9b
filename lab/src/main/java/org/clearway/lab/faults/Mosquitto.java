package org.clearway.lab.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto process of our own, on a free loopback port, with the project's configuration
 * (deploy/mosquitto/clearway.conf) but its own persistence directory and autosave interval. It can
 * be stopped gracefully (SIGTERM: Mosquitto saves its state) or hard (SIGKILL: whatever was not
 * autosaved is gone) and started again on the same port with the same persistence file.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path binary;
    private final Path directory;
    private final Path configFile;
    private final int port;
    private Process process;

    private Mosquitto(Path binary, Path directory, Path configFile, int port) {
        this.binary = binary;
        this.directory = directory;
        this.configFile = configFile;
        this.port = port;
    }

    /** Writes the configuration (the project's, with our port, persistence directory and autosave) and starts. */
    public static Mosquitto start(Path binary, Path projectConfig, Duration autosave) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("clearway-faults-mosquitto-");
        StringBuilder conf = new StringBuilder();
        boolean listening = false;
        boolean otherListener = false;
        for (String line : Files.readAllLines(projectConfig)) {
            String t = line.strip();
            if (t.startsWith("listener ") && listening) {
                // A further listener (the WebSockets one on a fixed port) is not ours to fault: left out, with its options.
                otherListener = true;
                continue;
            } else if (otherListener && t.startsWith("protocol ")) {
                continue;
            } else if (t.startsWith("listener ")) {
                listening = true;
                line = "listener " + port + " 127.0.0.1";
            } else if (t.startsWith("persistence_location ")) {
                line = "persistence_location " + dir + "/";
            } else if (t.startsWith("autosave_interval ")) {
                line = "autosave_interval " + autosave.toSeconds();
            } else if (t.startsWith("log_dest ")) {
                line = "log_dest file " + dir.resolve("mosquitto.log");
            }
            conf.append(line).append('\n');
        }
        if ("root".equals(System.getProperty("user.name"))) {
            conf.append("user root\n"); // Mosquitto drops to user "mosquitto" otherwise, which cannot write here
        }
        Path configFile = dir.resolve("mosquitto.conf");
        Files.writeString(configFile, conf);
        Mosquitto m = new Mosquitto(binary, dir, configFile, port);
        m.start();
        return m;
    }

    /** The project's broker configuration, found at or above the working directory. */
    public static Path projectConfig() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("deploy/mosquitto/clearway.conf");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("deploy/mosquitto/clearway.conf not found above " + Path.of("").toAbsolutePath());
    }

    public String serverUri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts the process (again) on the same port and persistence file; returns once it listens. */
    public synchronized void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(binary.toString(), "-c", configFile.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("Mosquitto " + binary + " did not listen on " + port + ": see "
                            + directory.resolve("stdout.log") + " and " + directory.resolve("mosquitto.log"), e);
                }
                Thread.sleep(20);
            }
        }
    }

    /** SIGTERM: Mosquitto saves its persistence file and exits. */
    public synchronized void stopGracefully() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGKILL: nothing is saved beyond the last autosave. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
