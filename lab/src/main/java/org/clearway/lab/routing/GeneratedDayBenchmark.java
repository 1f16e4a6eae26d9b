package org.clearway.lab.routing;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.ortools.OrToolsPlanner;
import org.clearway.routing.ortools.SearchSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Plans generated district and city days ({@link DayGenerator}) and prints, per size, planned and unplanned
 * stops, distance, trucks and unloads used, time to solve, the peak heap and the machine's load, and the checker's
 * verdict; "first s" is when the search reported its first plan (our search: the first plan, built by insertion
 * alone; OR-Tools: its first solution), counted from the planner's start. The peak heap is the sum over the
 * heap's memory pools of their peak usage since a full GC and a reset of
 * the peaks just before planning (an upper bound: pools may peak at different moments); it includes garbage not yet
 * collected, so run it with the heap limit under test, e.g. {@code -Xmx1g}, and one size per JVM for a fresh heap.
 */
@Command(name = "generated-day-benchmark", mixinStandardHelpOptions = true,
        description = "Plans generated collection days (clustered bins, two streams, facilities with opening hours, "
                + "breaks, trucks ending empty) and prints planned/unplanned stops, distance, time, peak heap, load.")
public final class GeneratedDayBenchmark implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "250,1000",
            description = "Numbers of bins, comma-separated (default: ${DEFAULT-VALUE}; the issue's: 250,1000,2000,5000).")
    List<Integer> sizes;

    @Option(names = "--time-limit", defaultValue = "60", description = "Seconds per day (default: ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--seed", defaultValue = "1", description = "Generator and search seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--engine", defaultValue = "auto", description = "auto: our search for the whole model; "
            + "ortools: OR-Tools (default: ${DEFAULT-VALUE}).")
    String engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GeneratedDayBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean ours = switch (engine.toLowerCase(Locale.ROOT)) {
            case "auto" -> true;
            case "ortools" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --engine '" + engine + "': use auto or ortools");
        };
        OrToolsPlanner planner = new OrToolsPlanner(SearchSettings.defaults().withRuinAndRecreate(ours));
        out.printf("%-6s %-7s %6s %7s %9s %10s %6s %7s %8s %8s %9s %11s %-8s %s%n", "bins", "engine", "trucks",
                "planned", "unplanned", "km", "used", "unloads", "first s", "time s", "heap MiB", "load 1 min", "feasible",
                "status");
        boolean allFeasible = true;
        for (int size : sizes) {
            Problem problem = new DayGenerator(seed).day(size);
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long start = System.nanoTime();
            long[] first = {-1};
            Solution solution = planner.plan(problem, new PlanOptions(Duration.ofMillis(Math.round(timeLimit * 1000)),
                    seed, false, (elapsed, objective, solutions) -> first[0] = first[0] < 0 ? elapsed : first[0]));
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            CheckReport check = new FeasibilityChecker(problem).check(solution);
            allFeasible &= check.feasible();
            long unloads = solution.routes().stream().mapToLong(Route::unloadCount).sum();
            out.printf(Locale.ROOT, "%-6d %-7s %6d %7d %9d %10.1f %6d %7d %8.1f %8.1f %9d %5.1f-%-5.1f %-8s %s%n",
                    size, ours ? "ours" : "ortools", problem.vehicles().size(), size - solution.unplanned().size(),
                    solution.unplanned().size(), solution.distance() / 1000, solution.vehiclesUsed(), unloads,
                    first[0] / 1000.0, seconds,
                    peak >> 20, loadBefore, loadAfter, check.feasible() ? "yes" : "NO " + check.violations().size(),
                    solution.stats().status());
            out.flush();
        }
        return allFeasible ? 0 : 1;
    }
}
