package org.clearway.simulator.city;

import java.util.List;
import java.util.Objects;

/**
 * One waste stream of the simulated city: its bins, how fast they fill, and the trucks that empty them.
 *
 * @param code             the stream's code, as in the registry's {@code waste_streams} (residual, recyclable,
 *                         kitchen, glass)
 * @param share            share of the city's bins
 * @param binVolumeL       volume of one bin, litres
 * @param densityKgPerL    weight of a litre of this waste as it lies in the bin
 * @param medianDaysToFull a typical bin of the stream goes from empty to full in this many days (per-bin rates
 *                         spread around it, see {@link City})
 * @param serviceSeconds   time a truck spends emptying one bin
 * @param truckVolumeL     what a truck of this stream takes per load, in bin litres (after compaction)
 * @param truckWeightKg    payload per load
 * @param facilityId       the facility that accepts the stream
 */
public record StreamSpec(String code, double share, long binVolumeL, double densityKgPerL, double medianDaysToFull,
                         long serviceSeconds, long truckVolumeL, long truckWeightKg, String facilityId) {

    public StreamSpec {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(facilityId, "facilityId");
        if (!(share > 0) || !(medianDaysToFull > 0) || binVolumeL <= 0 || truckVolumeL < binVolumeL) {
            throw new IllegalArgumentException("stream " + code + ": share, days to full and volumes must be positive"
                    + " and a truck must hold at least one bin");
        }
    }

    /** The transfer station takes residual and kitchen waste. */
    public static final String TRANSFER_STATION = "transfer-station";
    /** The recycling centre takes recyclables and glass. */
    public static final String RECYCLING_CENTRE = "recycling-centre";

    /**
     * The default city's streams. Residual and recyclables in 1,100 l wheeled bins emptied by compacting rear
     * loaders (20 m³ body at 3:1 compaction = 60,000 bin litres, 10 t payload); kitchen waste in 240 l bins;
     * glass in 1,500 l igloos emptied by a crane truck without compaction.
     */
    public static List<StreamSpec> defaults() {
        return List.of(
                new StreamSpec("residual", 0.45, 1100, 0.10, 6.0, 60, 60_000, 10_000, TRANSFER_STATION),
                new StreamSpec("recyclable", 0.25, 1100, 0.05, 9.0, 60, 60_000, 10_000, RECYCLING_CENTRE),
                new StreamSpec("kitchen", 0.20, 240, 0.50, 6.5, 40, 30_000, 10_000, TRANSFER_STATION),
                new StreamSpec("glass", 0.10, 1500, 0.35, 14.0, 120, 25_000, 10_000, RECYCLING_CENTRE));
    }

    /**
     * Hazardous waste (batteries, paint, solvents) in 120 l containers, emptied by a small van (8,000 l, 4 t); it
     * trickles in: a typical container takes a month to fill. Not one of the lab's default streams; the live
     * simulator has it because the registry does ({@link #registered()}).
     */
    public static final StreamSpec HAZARDOUS =
            new StreamSpec("hazardous", 0.05, 120, 0.30, 30.0, 60, 8_000, 4_000, TRANSFER_STATION);

    /**
     * The streams of the registry's {@code waste_streams} (V1): the defaults' residual, recyclable and kitchen waste,
     * and {@link #HAZARDOUS} instead of glass. The live simulator's city is made of these; the lab runs the same city
     * with {@code --streams residual,recyclable,kitchen,hazardous}.
     */
    public static List<StreamSpec> registered() {
        List<StreamSpec> defaults = defaults();
        return List.of(defaults.get(0), defaults.get(1), defaults.get(2), HAZARDOUS);
    }

    /** The typical fill rate, percent per hour. */
    public double medianRatePctPerHour() {
        return 100.0 / (medianDaysToFull * 24);
    }
}
