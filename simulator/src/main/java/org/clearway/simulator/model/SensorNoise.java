package org.clearway.simulator.model;

import java.util.SplittableRandom;
import org.clearway.simulator.city.CitySeeds;

/**
 * What a fill sensor reads of the true fill, for every bin of a city model: the true fill plus Gaussian noise
 * (σ = 1.5 points), clamped to 0..100; 0.5 % of readings are echoes 20 to 50 points too high (a bag caught under the
 * sensor). Each bin has its own stream, derived from the city's seed: the lab's evaluation and the live sensors
 * ({@link BinSensor}) read with it alike. One thread at a time per bin.
 */
public final class SensorNoise {

    static final double SIGMA = 1.5;
    static final double ECHO_PROBABILITY = 0.005;

    private final SplittableRandom[] streams;

    public SensorNoise(long seed, int bins) {
        streams = new SplittableRandom[bins];
        for (int i = 0; i < bins; i++) {
            streams[i] = CitySeeds.random(seed, CitySeeds.SENSOR, i);
        }
    }

    /** The sensor's reading of a true fill level (takes the bin's next draws). */
    public double read(int bin, double trueFillPct) {
        SplittableRandom r = streams[bin];
        double noise = SIGMA * CitySeeds.gaussian(r);
        double echo = r.nextDouble() < ECHO_PROBABILITY ? 20 + 30 * r.nextDouble() : 0;
        return Math.max(0, Math.min(100, trueFillPct + noise + echo));
    }
}
