package org.clearway.simulator.trucks;

/**
 * A truck to simulate.
 *
 * @param homeLat          where it starts (its depot), or NaN to start at the first stop of its first route
 * @param capacityVolumeL  body volume, for {@code loadPct}
 * @param capacityWeightKg payload, for {@code loadPct}
 */
public record TruckSpec(String id, double homeLat, double homeLon, double capacityVolumeL, double capacityWeightKg) {
    /** Capacities of a truck known by its id only. */
    public static final double DEFAULT_VOLUME_L = 16_000;
    public static final double DEFAULT_WEIGHT_KG = 8_000;

    public TruckSpec {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("a truck id is 1 to 64 of A-Z a-z 0-9 _ -, got " + id);
        }
        if (!(capacityVolumeL > 0) || !(capacityWeightKg > 0)) {
            throw new IllegalArgumentException("truck " + id + " needs positive capacities");
        }
    }

    /** A truck known by its id only: it starts at its first stop, with default capacities. */
    public static TruckSpec ofId(String id) {
        return new TruckSpec(id, Double.NaN, Double.NaN, DEFAULT_VOLUME_L, DEFAULT_WEIGHT_KG);
    }
}
