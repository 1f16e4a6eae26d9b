package org.clearway.embedded;

import org.slf4j.LoggerFactory;

/**
 * Lowers chatty third-party loggers to WARN when logback is the SLF4J backend, unless the
 * application's own logging configuration already gave them a level. Without logback, nothing.
 */
final class QuietLogging {
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private QuietLogging() {
    }

    static void warnUnlessConfigured(String... loggerNames) {
        if (LOGBACK_CONTEXT.equals(LoggerFactory.getILoggerFactory().getClass().getName())) {
            for (String loggerName : loggerNames) {
                Logback.warnUnlessConfigured(loggerName);
            }
        }
    }

    /** Loaded only when logback is there. */
    private static final class Logback {
        static void warnUnlessConfigured(String loggerName) {
            var context = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
            ch.qos.logback.classic.Logger logger = context.getLogger(loggerName);
            if (logger.getLevel() == null) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }
}
