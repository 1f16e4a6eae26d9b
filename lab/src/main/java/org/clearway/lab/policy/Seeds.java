package org.clearway.lab.policy;

import java.util.SplittableRandom;

/** Independent, reproducible random streams derived from the run's seed (one per bin and purpose). */
final class Seeds {

    /** Purposes, so that a bin's waste and its sensor's noise never share a stream. */
    static final int CITY = 0;
    static final int WASTE = 1;
    static final int SENSOR = 2;
    static final int EVENTS = 3;

    private Seeds() {
    }

    static SplittableRandom random(long seed, int purpose, int index) {
        return new SplittableRandom(mix(mix(seed) ^ mix(purpose * 0x9E3779B97F4A7C15L + index)));
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
