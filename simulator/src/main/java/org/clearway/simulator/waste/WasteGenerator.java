package org.clearway.simulator.waste;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CitySeeds;

/**
 * Produces each bin's waste, step by step: the city model's one waste generator, which the lab's policy evaluation
 * and the live simulator's sensors both drive. The waste depends only on the seed and the step, never on when bins
 * are emptied, so every policy sees the very same city producing the very same waste (each bin has its own random
 * stream for waste, each community its own for events).
 *
 * <ul>
 *   <li>Waste in a 15-minute step: the bin's mean rate × its stream's hour-of-week factor ({@link WastePattern}) ×
 *   log-normal noise (σ = 0.6, mean 1) × the event factor.</li>
 *   <li>Events (a market, a street party): each community, each day, with probability 2 %, triples the rate of all
 *   its bins for six hours starting between 10:00 and 18:00.</li>
 * </ul>
 *
 * <p>Step 0 is a Monday 00:00 (the lab's 5 January 2026 UTC; the live simulator's Monday of its start week in the
 * city's time zone). A bin's steps must be asked for in order, each once ({@link #waste}); one thread at a time.
 */
public final class WasteGenerator {

    public static final Duration STEP = Duration.ofMinutes(15);
    public static final int STEPS_PER_HOUR = 4;
    public static final int STEPS_PER_DAY = 24 * STEPS_PER_HOUR;
    static final double NOISE_SIGMA = 0.6;

    private final List<CityBin> bins;
    private final SplittableRandom[] waste;
    private final WastePattern[] patterns;
    private final CommunityEvents events;

    public WasteGenerator(City city) {
        this.bins = city.bins();
        long seed = city.config().seed();
        int n = bins.size();
        waste = new SplittableRandom[n];
        patterns = new WastePattern[n];
        Map<String, WastePattern> byStream = new HashMap<>();
        for (int i = 0; i < n; i++) {
            waste[i] = CitySeeds.random(seed, CitySeeds.WASTE, i);
            patterns[i] = byStream.computeIfAbsent(bins.get(i).stream().code(), WastePattern::of);
        }
        events = new CommunityEvents(seed, city.communities());
    }

    /** Draws the day's events, if not drawn yet (they are also drawn when first needed). */
    public void startDay(int day) {
        events.drawUntil(day);
    }

    /**
     * Percentage points of waste the bin receives in the step (unbounded: the caller caps the bin at 100 %). Each
     * call takes the bin's next noise draw: ask for a bin's steps in order, each once.
     */
    public double waste(int bin, int step) {
        CityBin b = bins.get(bin);
        double noise = Math.exp(NOISE_SIGMA * CitySeeds.gaussian(waste[bin]) - NOISE_SIGMA * NOISE_SIGMA / 2);
        double event = events.during(b.community(), step) ? CommunityEvents.FACTOR : 1.0;
        return b.ratePctPerHour() / STEPS_PER_HOUR * patterns[bin].factor(hourOfWeek(step)) * noise * event;
    }

    /** The hour of the week of a step, 0 = Monday 00:00 to 01:00. */
    public static int hourOfWeek(int step) {
        return (step / STEPS_PER_HOUR) % WastePattern.HOURS_PER_WEEK;
    }
}
