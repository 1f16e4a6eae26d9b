package org.clearway.lab.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Produces each bin's waste and each sensor's readings, step by step. The waste and the readings depend only on the
 * seed and the step, never on when bins are emptied, so every policy sees the very same city producing the very same
 * waste (each bin has its own random streams for waste and for its sensor).
 *
 * <ul>
 *   <li>Waste in a 15-minute step: the bin's mean rate × its stream's hour-of-week factor ({@link WastePattern}) ×
 *   log-normal noise (σ = 0.6, mean 1) × the event factor.</li>
 *   <li>Events (a market, a street party): each community, each day, with probability 2 %, triples the rate of all
 *   its bins for six hours starting between 10:00 and 18:00.</li>
 *   <li>Sensors: a reading every {@code reportSteps} steps, at a phase of its own per bin; the true fill plus
 *   Gaussian noise (σ = 1.5 points), clamped to 0..100; 0.5 % of readings are echoes 20 to 50 points too high (a
 *   bag caught under the sensor).</li>
 * </ul>
 */
final class WasteGenerator {

    static final double NOISE_SIGMA = 0.6;
    static final double EVENT_PROBABILITY = 0.02;
    static final double EVENT_FACTOR = 3.0;
    static final int EVENT_HOURS = 6;
    static final double SENSOR_SIGMA = 1.5;
    static final double ECHO_PROBABILITY = 0.005;

    private final List<SimBin> bins;
    private final int reportSteps;
    private final SplittableRandom[] waste;
    private final SplittableRandom[] sensor;
    private final SplittableRandom[] events;
    private final int[] eventFrom;
    private final int[] eventTo;
    private final WastePattern[] patterns;

    WasteGenerator(City city, int reportSteps) {
        if (reportSteps < 1) {
            throw new IllegalArgumentException("sensors must report at least once per step count of 1, got " + reportSteps);
        }
        this.bins = city.bins();
        this.reportSteps = reportSteps;
        long seed = city.config().seed();
        int n = bins.size();
        waste = new SplittableRandom[n];
        sensor = new SplittableRandom[n];
        patterns = new WastePattern[n];
        Map<String, WastePattern> byStream = new HashMap<>();
        for (int i = 0; i < n; i++) {
            waste[i] = Seeds.random(seed, Seeds.WASTE, i);
            sensor[i] = Seeds.random(seed, Seeds.SENSOR, i);
            patterns[i] = byStream.computeIfAbsent(bins.get(i).stream().code(), WastePattern::of);
        }
        events = new SplittableRandom[city.communities()];
        eventFrom = new int[city.communities()];
        eventTo = new int[city.communities()];
        for (int c = 0; c < events.length; c++) {
            events[c] = Seeds.random(seed, Seeds.EVENTS, c);
        }
    }

    /** Call once at the start of each day, before its steps: draws the day's events. */
    void startDay(int day) {
        for (int c = 0; c < events.length; c++) {
            boolean event = events[c].nextDouble() < EVENT_PROBABILITY;
            int startHour = 10 + events[c].nextInt(9);
            eventFrom[c] = event ? day * Schedule.STEPS_PER_DAY + startHour * Schedule.STEPS_PER_HOUR : -1;
            eventTo[c] = event ? eventFrom[c] + EVENT_HOURS * Schedule.STEPS_PER_HOUR : -1;
        }
    }

    /** Percentage points of waste the bin receives in the step (unbounded: the caller caps the bin at 100 %). */
    double waste(int bin, int step) {
        SimBin b = bins.get(bin);
        double noise = Math.exp(NOISE_SIGMA * Seeds.gaussian(waste[bin]) - NOISE_SIGMA * NOISE_SIGMA / 2);
        double event = step >= eventFrom[b.community()] && step < eventTo[b.community()] ? EVENT_FACTOR : 1.0;
        return b.ratePctPerHour() / Schedule.STEPS_PER_HOUR * patterns[bin].factor(Schedule.hourOfWeek(step)) * noise * event;
    }

    /** Whether the bin's sensor reports at the end of the step. */
    boolean reports(int bin, int step) {
        return Math.floorMod(step + 1 + bin, reportSteps) == 0;
    }

    /** The sensor's reading of a true fill level. */
    double read(int bin, double trueFillPct) {
        SplittableRandom r = sensor[bin];
        double noise = SENSOR_SIGMA * Seeds.gaussian(r);
        double echo = r.nextDouble() < ECHO_PROBABILITY ? 20 + 30 * r.nextDouble() : 0;
        return Math.max(0, Math.min(100, trueFillPct + noise + echo));
    }
}
