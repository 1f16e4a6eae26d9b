package org.clearway.lab.policy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CitySeeds;
import org.clearway.simulator.model.SensorNoise;
import org.clearway.simulator.waste.WasteGenerator;

/**
 * Runs one policy over the simulated weeks, in 15-minute steps, on the simulator module's city model: its
 * {@link City}, the waste of its {@link WasteGenerator} and its sensors' {@link SensorNoise} (the live simulator's
 * bins take the same waste); this class only adds the policy, the planner and trucks that follow the plan. In each step, in order: at 05:30 of a working day the
 * policy selects bins and the {@link ShiftPlanner} routes them; the collections due in the step empty their bins
 * (the fill at that moment is the fill at collection); every bin receives its waste (capped at 100 %: the rest
 * lands beside the bin); a bin at 100 % after the step adds 0.25 overflow hours; the sensors that report at the
 * step's end send their readings to the policy. Bins start at a level drawn uniformly from 0 to 70 %.
 *
 * <p>Only the days after the warm-up are measured. The run is deterministic for the city's seed as long as no
 * planner run hits its time cap ({@link PolicyResult#cappedPlans()}).
 */
public final class Simulation {

    static final double INITIAL_MAX_PCT = 70;
    private static final double STEP_HOURS = 1.0 / Schedule.STEPS_PER_HOUR;

    private final City city;
    private final ShiftPlanner planner;
    private final SimulationSettings settings;
    private final Consumer<String> progress;

    Simulation(City city, ShiftPlanner planner, SimulationSettings settings, Consumer<String> progress) {
        this.city = city;
        this.planner = planner;
        this.settings = settings;
        this.progress = progress;
    }

    public PolicyResult run(CollectionPolicy policy) {
        List<CityBin> bins = city.bins();
        int n = bins.size();
        WasteGenerator waste = new WasteGenerator(city);
        SensorNoise sensors = new SensorNoise(city.config().seed(), n);
        int reportSteps = settings.reportSteps();
        double[] fill = new double[n];
        String[] stream = new String[n];
        for (int i = 0; i < n; i++) {
            stream[i] = bins.get(i).stream().code();
        }
        double[] lastFill = new double[n];
        Instant[] lastAt = new Instant[n];
        Instant[] decidedAt = new Instant[n];
        SplittableRandom initial = CitySeeds.random(city.config().seed(), CitySeeds.CITY, 1);
        for (int i = 0; i < n; i++) {
            fill[i] = initial.nextDouble() * INITIAL_MAX_PCT;
        }
        PolicyMetrics metrics = new PolicyMetrics();
        Deque<PlannedCollection> due = new ArrayDeque<>();
        int days = settings.days();
        for (int day = 0; day < days; day++) {
            boolean measured = day >= settings.warmupDays();
            if (measured) {
                metrics.watched(n, 1);
            }
            waste.startDay(day);
            int planStep = Schedule.workingDay(day) ? Schedule.planStep(day) : -1;
            for (int step = day * Schedule.STEPS_PER_DAY; step < (day + 1) * Schedule.STEPS_PER_DAY; step++) {
                if (step == planStep) {
                    plan(policy, day, lastFill, lastAt, decidedAt, due, measured ? metrics : null);
                }
                Instant end = Schedule.at(step + 1);
                while (!due.isEmpty() && due.peekFirst().at().isBefore(end)) {
                    PlannedCollection c = due.pollFirst();
                    if (measured) {
                        metrics.collected(stream[c.bin()], fill[c.bin()], decidedAt[c.bin()], c.at());
                    }
                    fill[c.bin()] = 0;
                    decidedAt[c.bin()] = null;
                    lastFill[c.bin()] = 0;
                    lastAt[c.bin()] = c.at();
                    policy.emptied(bins.get(c.bin()), c.at());
                }
                for (int i = 0; i < n; i++) {
                    fill[i] = Math.min(100, fill[i] + waste.waste(i, step));
                    if (fill[i] >= 100 && measured) {
                        metrics.overflow(stream[i], STEP_HOURS);
                    }
                    if (Schedule.reports(i, step, reportSteps)) {
                        double reading = sensors.read(i, fill[i]);
                        lastFill[i] = reading;
                        lastAt[i] = end;
                        policy.reading(bins.get(i), end, reading);
                    }
                }
            }
        }
        return metrics.result(policy.name());
    }

    private void plan(CollectionPolicy policy, int day, double[] lastFill, Instant[] lastAt, Instant[] decidedAt,
                      Deque<PlannedCollection> due, PolicyMetrics metrics) {
        long started = System.nanoTime();
        PlanningDay planning = PlanningDay.of(day);
        String before = policy.schedule();
        List<Selection> selected = policy.select(planning);
        if (!policy.schedule().equals(before)) {
            progress.accept(String.format(Locale.ROOT, "[%s] day %d: %s", policy.name(), day + 1, policy.schedule()));
        }
        for (Selection s : selected) {
            decidedAt[s.bin()] = s.decidedAt();
        }
        DayPlan plan = planner.plan(day, selected, lastFill, lastAt);
        due.addAll(plan.collections());
        if (!plan.unplanned().isEmpty()) {
            policy.unplanned(plan.unplanned(), planning);
        }
        if (metrics != null) {
            metrics.plan(plan);
        }
        progress.accept(String.format(Locale.ROOT, "[%s] day %d/%d%s: %d bins selected, %d emptied, %d left over, "
                        + "%.1f km, %d trucks, %.1f s%s", policy.name(), day + 1, settings.days(),
                metrics == null ? " (warm-up)" : "", selected.size(), plan.collections().size(), plan.unplanned().size(),
                plan.metres() / 1000, plan.truckDays(), (System.nanoTime() - started) / 1e9, byStream(plan)));
    }

    /** The day's kilometres and trucks per stream, for the progress line. */
    private static String byStream(DayPlan plan) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(plan.byStream()).forEach((stream, f) -> out.append(String.format(Locale.ROOT, "; %s %.1f km %d",
                stream, f.truckKm(), f.truckDays())));
        return out.toString();
    }
}
