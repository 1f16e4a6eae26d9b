package org.clearway.ingest;

import java.nio.file.Path;
import java.util.Map;
import org.clearway.core.contract.RejectReason;

/** The contract's examples and the reason each reject file must be rejected for. */
final class ContractCases {
    /** The service's clock for the contract files (test-support's contract/README.md). */
    static final java.time.Instant CONTRACT_NOW = java.time.Instant.parse("2026-11-28T09:00:00Z");

    private static final Map<String, RejectReason> REASONS = Map.ofEntries(
            Map.entry("array-of-101", RejectReason.BATCH_TOO_LARGE),
            Map.entry("battery-over-100", RejectReason.OUT_OF_RANGE),
            Map.entry("empty-array", RejectReason.EMPTY_BATCH),
            Map.entry("fill-as-string", RejectReason.WRONG_TYPE),
            Map.entry("fill-nan", RejectReason.NOT_FINITE),
            Map.entry("fill-negative", RejectReason.OUT_OF_RANGE),
            Map.entry("fill-over-100", RejectReason.OUT_OF_RANGE),
            Map.entry("missing-ts", RejectReason.MISSING_TS),
            Map.entry("no-fill-no-distance", RejectReason.MISSING_FILL),
            Map.entry("not-json", RejectReason.NOT_JSON),
            Map.entry("over-16-KiB", RejectReason.TOO_LARGE),
            Map.entry("ts-in-future", RejectReason.TS_IN_FUTURE),
            Map.entry("ts-not-rfc3339", RejectReason.BAD_TS),
            Map.entry("ts-too-old", RejectReason.TS_TOO_OLD),
            Map.entry("unknown-alarm", RejectReason.UNKNOWN_ALARM));

    private ContractCases() {
    }

    /** The reason a file of contract/rejects must be rejected for; fails on a file we do not know. */
    static RejectReason expectedReason(Path rejectFile) {
        String name = rejectFile.getFileName().toString().replaceFirst("\\.[a-z]+$", "");
        RejectReason reason = REASONS.get(name);
        if (reason == null) {
            throw new AssertionError("No expected reason for " + rejectFile + ": add it to ContractCases");
        }
        return reason;
    }
}
