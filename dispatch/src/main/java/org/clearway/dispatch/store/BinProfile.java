package org.clearway.dispatch.store;

import java.util.List;
import java.util.Objects;

import org.clearway.core.contract.FillLevel;
import org.clearway.core.contract.Reading;
import org.clearway.decisions.BinFacts;

/**
 * What dispatch needs to know of a registered, unretired bin (tables {@code bins} and {@code waste_streams}).
 *
 * @param thresholdPct   the bin's own threshold, else its stream's default from {@code waste_streams}
 * @param depthMm        inside depth, for converting {@code distanceMm}
 * @param sensorOffsetMm how far the sensor sits above the full line
 */
public record BinProfile(String id, String zoneId, String stream, double volumeL, int depthMm, int sensorOffsetMm,
                         double lat, double lon, double thresholdPct) {

    public BinProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(stream, "stream");
    }

    /** The reading's fill level in percent: its own {@code fill}, else its distance converted with this bin's geometry. */
    public double fillPct(Reading reading) {
        return FillLevel.of(reading, depthMm, sensorOffsetMm);
    }

    /** The registry facts the decision engine takes (no neighbour list: the zone and stream define neighbours). */
    public BinFacts facts() {
        return new BinFacts(id, stream, thresholdPct, zoneId, List.of());
    }
}
