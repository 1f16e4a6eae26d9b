package org.clearway.simulator.model;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from one seed: one per (purpose, index), so that what a bin
 * does depends only on the seed and the bin, never on the order in which threads ask for numbers
 * or on how many other bins there are.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A stream for {@code purpose} (such as {@code "sensor"}) and {@code index} (such as a bin's index). */
    public static SplittableRandom stream(long seed, String purpose, long index) {
        long p = mix(seed + GOLDEN * (purpose.hashCode() + 1L));
        return new SplittableRandom(mix(p + GOLDEN * (index + 1)));
    }

    /** SplitMix64's finaliser: a bijection that spreads nearby inputs far apart. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A normally distributed number (Box-Muller), mean 0 and standard deviation 1. */
    public static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
