package org.clearway.simulator.waste;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.clearway.simulator.city.CitySeeds;

/**
 * The communities' events (a market, a street party): each community, each day, with probability 2 %, triples the
 * rate of all its bins for six hours starting between 10:00 and 18:00. Drawn day by day from each community's own
 * stream, so a day's events are the same whenever they are first asked for.
 */
final class CommunityEvents {

    static final double PROBABILITY = 0.02;
    static final double FACTOR = 3.0;
    static final int HOURS = 6;

    private final SplittableRandom[] streams;
    /** Per community and day: the event's first step, or -1 for none. */
    private final int[][] from;
    private int days;

    CommunityEvents(long seed, int communities) {
        streams = new SplittableRandom[communities];
        for (int c = 0; c < communities; c++) {
            streams[c] = CitySeeds.random(seed, CitySeeds.EVENTS, c);
        }
        from = new int[communities][8];
    }

    /** Draws every community's events up to and including the day. */
    void drawUntil(int day) {
        for (; days <= day; days++) {
            for (int c = 0; c < streams.length; c++) {
                if (days == from[c].length) {
                    from[c] = Arrays.copyOf(from[c], 2 * days);
                }
                boolean event = streams[c].nextDouble() < PROBABILITY;
                int startHour = 10 + streams[c].nextInt(9);
                from[c][days] = event ? days * WasteGenerator.STEPS_PER_DAY + startHour * WasteGenerator.STEPS_PER_HOUR
                        : -1;
            }
        }
    }

    /** Whether the community has an event in the step. */
    boolean during(int community, int step) {
        int day = step / WasteGenerator.STEPS_PER_DAY;
        drawUntil(day);
        int start = from[community][day];
        return start >= 0 && step >= start && step < start + HOURS * WasteGenerator.STEPS_PER_HOUR;
    }
}
