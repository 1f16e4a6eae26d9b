package org.clearway.simulator.city;

import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams of the city model, derived from the city's seed (one per bin and purpose):
 * the city's layout, each bin's waste, each bin's sensor noise, each community's events.
 */
public final class CitySeeds {

    /** Purposes, so that a bin's waste and its sensor's noise never share a stream. */
    public static final int CITY = 0;
    public static final int WASTE = 1;
    public static final int SENSOR = 2;
    public static final int EVENTS = 3;
    /** The live simulator's installation of a bin's sensor: depth, sensor offset, own threshold, sensor kind. */
    public static final int INSTALLATION = 4;

    private CitySeeds() {
    }

    public static SplittableRandom random(long seed, int purpose, int index) {
        return new SplittableRandom(mix(mix(seed) ^ mix(purpose * 0x9E3779B97F4A7C15L + index)));
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
