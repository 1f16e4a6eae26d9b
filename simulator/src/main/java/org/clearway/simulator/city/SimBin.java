package org.clearway.simulator.city;

/**
 * One simulated bin and its sensor, as registered in {@code bins}.
 *
 * @param index          0-based position in the simulation; the bin's random streams derive from it
 * @param zone           the community the bin stands in
 * @param depthMm        inside depth from the sensor's reference plane ({@code bins.depth_mm})
 * @param sensorOffsetMm how far the sensor sits above the full line ({@code bins.sensor_offset_mm})
 * @param thresholdPct   the bin's own alert threshold, or null for the stream's default
 * @param distanceSensor true when the sensor sends raw {@code distanceMm} instead of {@code fill}
 */
public record SimBin(String id, int index, SimZone zone, WasteStream stream, double volumeL, int depthMm,
                     int sensorOffsetMm, double lat, double lon, Double thresholdPct, boolean distanceSensor) {
}
