package org.clearway.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Whether Testcontainers can reach a Docker daemon. Where there is none, Testcontainers says so in
 * under a second but logs an ERROR listing every strategy it tried; "no Docker" is an expected
 * answer here, so the probe turns its loggers off for the check (when logback is the backend) and
 * never throws.
 */
final class DockerProbe {
    private static final List<String> NOISY_LOGGERS = List.of("org.testcontainers", "tc", "com.github.dockerjava");

    private DockerProbe() {
    }

    static boolean available() {
        Map<String, Level> previous = silence();
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        } finally {
            restore(previous);
        }
    }

    /** Returns each logger's own level before (null: inherited). */
    private static Map<String, Level> silence() {
        Map<String, Level> previous = new HashMap<>();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (String name : NOISY_LOGGERS) {
                previous.put(name, context.getLogger(name).getLevel());
                context.getLogger(name).setLevel(Level.OFF);
            }
        }
        return previous;
    }

    private static void restore(Map<String, Level> previous) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            previous.forEach((name, level) -> context.getLogger(name).setLevel(level));
        }
    }
}
