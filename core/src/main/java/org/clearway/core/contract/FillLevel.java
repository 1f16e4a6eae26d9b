package org.clearway.core.contract;

/** Fill level in percent, from the reading's own {@code fill} or from its raw {@code distanceMm}. */
public final class FillLevel {
    private FillLevel() {
    }

    /**
     * The contract's conversion: fill = (depth - (distance - offset)) / depth, clamped to 0..100 %.
     *
     * @param distanceMm     distance from the sensor to the waste surface
     * @param depthMm        the bin's inside depth (from the sensor's reference plane)
     * @param sensorOffsetMm how far the sensor sits above the bin's full line
     */
    public static double fromDistance(int distanceMm, int depthMm, int sensorOffsetMm) {
        double fill = 100.0 * (depthMm - (distanceMm - sensorOffsetMm)) / depthMm;
        return Math.max(0.0, Math.min(100.0, fill));
    }

    /** The fill to store: the sensor's own {@code fill} when it sent one, else the converted distance. */
    public static double of(Reading reading, int depthMm, int sensorOffsetMm) {
        if (reading.fill() != null) {
            return reading.fill();
        }
        return fromDistance(reading.distanceMm(), depthMm, sensorOffsetMm);
    }
}
