package org.clearway.testsupport;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Which {@link Source} serves one piece of infrastructure, and why: its environment variable if
 * set, else a container if Docker works, else an embedded server.
 */
record Choice(Source source, String reason) {

    /** Docker is asked about only when the environment variable is not set. */
    static Choice of(String variable, Function<String, String> environment, BooleanSupplier dockerAvailable) {
        if (isSet(environment.apply(variable))) {
            return new Choice(Source.ENVIRONMENT, variable + " is set");
        }
        if (dockerAvailable.getAsBoolean()) {
            return new Choice(Source.CONTAINER, variable + " is not set and Docker is available");
        }
        return new Choice(Source.EMBEDDED, variable + " is not set and Docker is not available");
    }

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
