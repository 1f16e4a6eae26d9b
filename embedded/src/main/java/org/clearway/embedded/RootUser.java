package org.clearway.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process runs as root (uid 0), read from the owner of /proc/self on Linux. */
final class RootUser {
    private static final Path PROC_SELF = Path.of("/proc/self");

    private RootUser() {
    }

    static boolean isRoot() {
        if (!Files.isDirectory(PROC_SELF)) {
            return false;
        }
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(PROC_SELF, "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
