package org.clearway.routing.io;

/** The problem JSON is malformed; the message names the field and says what is expected. */
public final class ProblemFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ProblemFormatException(String message) {
        super(message);
    }

    public ProblemFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
