package org.clearway.simulator.payload;

import org.clearway.core.contract.RejectReason;

/**
 * The kinds of bad input the simulation sends, one for each reason the ingest rejects with (all
 * but {@code unstorable}, which is the database's doing).
 */
public enum BadKind {
    BAD_TOPIC(RejectReason.BAD_TOPIC, false),
    UNKNOWN_BIN(RejectReason.UNKNOWN_BIN, false),
    TOO_LARGE(RejectReason.TOO_LARGE, false),
    NOT_UTF8(RejectReason.NOT_UTF8, false),
    NOT_JSON(RejectReason.NOT_JSON, false),
    EMPTY_BATCH(RejectReason.EMPTY_BATCH, false),
    BATCH_TOO_LARGE(RejectReason.BATCH_TOO_LARGE, false),
    NOT_A_READING(RejectReason.NOT_A_READING, true),
    MISSING_TS(RejectReason.MISSING_TS, true),
    BAD_TS(RejectReason.BAD_TS, true),
    TS_IN_FUTURE(RejectReason.TS_IN_FUTURE, true),
    TS_TOO_OLD(RejectReason.TS_TOO_OLD, true),
    MISSING_FILL(RejectReason.MISSING_FILL, true),
    WRONG_TYPE(RejectReason.WRONG_TYPE, true),
    NOT_FINITE(RejectReason.NOT_FINITE, true),
    OUT_OF_RANGE(RejectReason.OUT_OF_RANGE, true),
    UNKNOWN_ALARM(RejectReason.UNKNOWN_ALARM, true);

    private final RejectReason reason;
    private final boolean perReading;

    BadKind(RejectReason reason, boolean perReading) {
        this.reason = reason;
        this.perReading = perReading;
    }

    /** The reason the ingest must give. */
    public RejectReason reason() {
        return reason;
    }

    /** True when one reading of a batch can be bad this way while the others stay valid. */
    public boolean perReading() {
        return perReading;
    }

    /** The kind for a reason code such as {@code not_finite}. */
    public static BadKind fromCode(String code) {
        for (BadKind k : values()) {
            if (k.reason.code().equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown bad kind '" + code + "'; known: " + java.util.Arrays.stream(values())
                .map(k -> k.reason.code()).collect(java.util.stream.Collectors.joining(", ")));
    }
}
