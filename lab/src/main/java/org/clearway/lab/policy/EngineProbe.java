package org.clearway.lab.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;

/**
 * Times the policy evaluation's planner runs both ways: every bin of a district and stream at a given fill (a
 * calendar day's run, 50-300 stops at the default size), planned by OR-Tools' greedy descent and by the project's
 * own search at several iteration limits. Prints per run the stops, km (with the closing run), trucks and
 * milliseconds, and the totals with the load. Arguments: seed, bins, fill percent, iteration limits (comma
 * separated), optional number of runs (default: all district-streams).
 */
final class EngineProbe {

    private EngineProbe() {
    }

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        int bins = Integer.parseInt(args[1]);
        double fill = Double.parseDouble(args[2]);
        List<Long> limits = java.util.Arrays.stream(args[3].split(",")).map(Long::parseLong).toList();
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : Integer.MAX_VALUE;
        City city = City.generate(new CityConfig(seed, bins, StreamSpec.defaults(), 2));
        Map<String, List<CityBin>> groups = new TreeMap<>();
        for (CityBin bin : city.bins()) {
            groups.computeIfAbsent(Pooling.DISTRICT.key(bin), k -> new ArrayList<>()).add(bin);
        }
        double[] lastFill = new double[city.bins().size()];
        java.util.Arrays.fill(lastFill, fill);
        Instant[] lastAt = new Instant[city.bins().size()];
        java.util.Arrays.fill(lastAt, Schedule.dayStart(0).plusSeconds(ShiftPlanner.DEMAND_AT_S));
        List<PlannerChoice> choices = new ArrayList<>(List.of(PlannerChoice.orTools(0)));
        limits.forEach(n -> choices.add(new PlannerChoice(PlannerChoice.Engine.SEARCH, 0, n)));
        double[] km = new double[choices.size()];
        long[] ms = new long[choices.size()];
        int[] trucks = new int[choices.size()];
        int[] capped = new int[choices.size()];
        int done = 0;
        for (Map.Entry<String, List<CityBin>> group : groups.entrySet()) {
            if (done++ >= runs) {
                break;
            }
            List<Selection> selected = group.getValue().stream().map(b -> new Selection(b.index(), null)).toList();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s %4d stops", group.getKey(),
                    selected.size()));
            for (int c = 0; c < choices.size(); c++) {
                PlannerChoice choice = choices.get(c);
                ShiftPlanner planner = new ShiftPlanner(city, choice.planner(), choice.options(Duration.ofSeconds(600)),
                        Pooling.DISTRICT);
                long start = System.nanoTime();
                DayPlan plan = planner.plan(0, selected, lastFill, lastAt);
                long took = (System.nanoTime() - start) / 1_000_000;
                km[c] += plan.metres() / 1000;
                ms[c] += took;
                trucks[c] += plan.truckDays();
                capped[c] += plan.cappedPlans();
                line.append(String.format(Locale.ROOT, " | %s %.1f km %d tr %d ms%s", name(choice), plan.metres() / 1000,
                        plan.truckDays(), took, plan.unplanned().isEmpty() ? "" : " " + plan.unplanned().size() + " unplanned"));
            }
            System.out.println(line);
        }
        for (int c = 0; c < choices.size(); c++) {
            System.out.printf(Locale.ROOT, "total %-14s %.1f km, %d trucks, %d ms, %d capped (load %s)%n",
                    name(choices.get(c)), km[c], trucks[c], ms[c], capped[c], load());
        }
    }

    private static String name(PlannerChoice choice) {
        return choice.engine() == PlannerChoice.Engine.ORTOOLS ? "ortools" : "search-" + choice.searchIterations();
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
