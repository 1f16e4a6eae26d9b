package org.clearway.lab.routing;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.lab.routing.ortools.OrToolsPlanner;

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

    @Option(names = "--engine", defaultValue = "auto", description = "auto: the default planner (SearchPlanner); "
            + "ortools: OR-Tools, for comparison (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--fork", description = "Plan each size in its own JVM (this java, this classpath, -Xmx from "
            + "--heap), so that each size's peak heap is measured on a fresh heap.")
    boolean fork;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of each forked JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--no-header", hidden = true, description = "Rows only (used by --fork).")
    boolean noHeader;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GeneratedDayBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        boolean ours = switch (engine.toLowerCase(Locale.ROOT)) {
            case "auto" -> true;
            case "ortools" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --engine '" + engine + "': use auto or ortools");
        };
        if (!noHeader) {
            out.println("uptime before: " + uptime());
            out.printf("%-6s %-7s %6s %7s %9s %10s %6s %7s %8s %8s %9s %11s %-8s %s%n", "bins", "engine", "trucks",
                    "planned", "unplanned", "km", "used", "unloads", "first s", "time s", "heap MiB", "load 1 min",
                    "feasible", "status");
        }
        List<double[]> measured = new ArrayList<>();
        boolean allComplete = true;
        for (int size : sizes) {
            String row = fork ? forked(size) : planOne(size, ours);
            out.println(row);
            out.flush();
            String[] cells = row.trim().split("\\s+");
            boolean complete = cells.length > 12 && "0".equals(cells[4]) && "yes".equals(cells[12]);
            allComplete &= complete;
            if (cells.length > 12 && cells[8].matches("[0-9.]+") && cells[9].matches("[0-9.]+")
                    && cells[10].matches("[0-9]+")) {
                measured.add(new double[] {size, Double.parseDouble(cells[9]), Double.parseDouble(cells[10]),
                        Double.parseDouble(cells[8])});
            }
        }
        if (!noHeader) {
            out.println("uptime after: " + uptime());
            for (double[] m : measured) {
                double[] base = measured.get(0);
                out.printf(Locale.ROOT, "%.0f bins: %.1fx the bins of %.0f, %.2fx its first-plan time, %.2fx its time "
                        + "(each search runs until its budget or its idle limit), %.2fx its peak heap%n", m[0],
                        m[0] / base[0], base[0], m[3] / Math.max(0.1, base[3]), m[1] / base[1], m[2] / Math.max(1, base[2]));
            }
        }
        out.flush();
        return allComplete ? 0 : 1;
    }

    /** This size in a child JVM: the same java and classpath, its own heap; returns its row. */
    private String forked(int size) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), GeneratedDayBenchmark.class.getName(), "--no-header",
                "--sizes", Integer.toString(size), "--time-limit", Double.toString(timeLimit), "--seed",
                Long.toString(seed), "--engine", engine);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String row;
        try (var reader = child.inputReader()) {
            row = reader.lines().reduce((first, second) -> second).orElse("");
        }
        int code = child.waitFor();
        if (row.isBlank()) {
            return String.format(Locale.ROOT, "%-6d forked JVM printed no row (exit %d)", size, code);
        }
        return row;
    }

    private String planOne(int size, boolean ours) {
        RoutePlanner planner = ours ? new SearchPlanner() : new OrToolsPlanner();
        Problem problem = new DayGenerator(seed).day(size);
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long start = System.nanoTime();
        long[] first = {-1};
        Solution solution = planner.plan(problem, new PlanOptions(Duration.ofMillis(Math.round(timeLimit * 1000)),
                seed, false, (elapsed, objective, solutions) -> first[0] = first[0] < 0 ? elapsed : first[0]));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        CheckReport check = new FeasibilityChecker(problem).check(solution);
        long unloads = solution.routes().stream().mapToLong(Route::unloadCount).sum();
        return String.format(Locale.ROOT, "%-6d %-7s %6d %7d %9d %10.1f %6d %7d %8.1f %8.1f %9d %5.1f-%-5.1f %-8s %s",
                size, ours ? "ours" : "ortools", problem.vehicles().size(), size - solution.unplanned().size(),
                solution.unplanned().size(), solution.distance() / 1000, solution.vehiclesUsed(), unloads,
                first[0] / 1000.0, seconds, peak >> 20, loadBefore, loadAfter,
                check.violations().isEmpty() ? "yes" : "NO " + check.violations().size(), solution.stats().status());
    }

    /** The machine's load as {@code uptime} prints it (from /proc/loadavg where there is no uptime command). */
    private static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String line = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return line;
        } catch (IOException e) {
            return "load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
