package org.clearway.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops the test JVM's shared servers when it exits. */
final class ShutdownHooks {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHooks.class);

    private ShutdownHooks() {
    }

    static void closeOnExit(String what, AutoCloseable resource) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not stop {} at JVM exit", what, e);
            }
        }, "stop-" + what.replace(' ', '-')));
    }
}
