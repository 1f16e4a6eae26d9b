package org.clearway.simulator.expect;

/**
 * A valid reading a publication holds, and the fill the ingest must store for it: the sent
 * {@code fill}, or the {@code distanceMm} converted with the bin's registered geometry.
 */
public record ExpectedReading(ReadingKey key, double fillPct) {
}
