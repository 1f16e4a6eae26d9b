package org.clearway.decisions;

import java.util.List;
import java.util.Objects;

/**
 * What the registry knows about a bin that the decisions need.
 *
 * @param binId        the bin
 * @param stream       its waste stream code (kitchen, recyclable, hazardous, residual, ...)
 * @param thresholdPct its own threshold, or null for its stream's default
 * @param zoneId       its zone
 * @param neighbourIds the bins its sensor is compared with for the stuck check; empty means the bins of the same
 *                     zone and stream (the caller computes their rise, see {@code StuckSensorDetector})
 */
public record BinFacts(String binId, String stream, Double thresholdPct, String zoneId, List<String> neighbourIds) {

    public BinFacts {
        Objects.requireNonNull(binId, "binId");
        Objects.requireNonNull(stream, "stream");
        neighbourIds = neighbourIds == null ? List.of() : List.copyOf(neighbourIds);
    }
}
