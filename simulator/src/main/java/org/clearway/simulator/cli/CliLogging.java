package org.clearway.simulator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The command line's log levels: warnings from libraries, information from Clearway. */
final class CliLogging {
    private CliLogging() {
    }

    static void configure(boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("console") == null) {
            // Not logback's default set-up: someone configured logging (a logback.xml); leave it alone.
            return;
        }
        root.setLevel(verbose ? Level.INFO : Level.WARN);
        context.getLogger("org.clearway").setLevel(verbose ? Level.DEBUG : Level.INFO);
    }
}
