package org.clearway.simulator.expect;

import java.util.List;

/**
 * What the ingest must make of one publication (its ledger entry).
 *
 * @param valid      the valid readings it holds, in payload order
 * @param rejections each bad part: the whole message (index -1) or single readings of a batch
 * @param kind       what the simulation meant to send: {@code valid}, {@code batch}, or the bad kind
 *                   (such as {@code not_finite}); for logs and test names
 * @param duplicate  true for an exact repeat of the previous publication (as a QoS 1 redelivery)
 */
public record Expectation(List<ExpectedReading> valid, List<ExpectedRejection> rejections, String kind,
                          boolean duplicate) {
    public Expectation {
        valid = List.copyOf(valid);
        rejections = List.copyOf(rejections);
    }

    public boolean isBad() {
        return !rejections.isEmpty();
    }

    public Expectation asDuplicate() {
        return new Expectation(valid, rejections, kind, true);
    }
}
