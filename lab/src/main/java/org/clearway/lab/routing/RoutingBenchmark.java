package org.clearway.lab.routing;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.bench.BenchmarkCatalog;
import org.clearway.routing.bench.BenchmarkInstance;
import org.clearway.routing.bench.BenchmarkResult;
import org.clearway.routing.bench.BenchmarkRunner;
import org.clearway.routing.bench.BenchmarkSet;
import org.clearway.routing.bench.VrpDataLocator;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.lab.routing.ortools.OrToolsPlanner;
import org.clearway.lab.routing.ortools.SearchSettings;

import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the planner on the benchmark instances the repository carries and compares with the best-known solutions. */
@Command(name = "routing-benchmark", mixinStandardHelpOptions = true,
        description = "Plans the VRP benchmark instances in benchmarks/vrp-data and prints distance, vehicles, "
                + "best-known values, gap and the checker's verdict per instance, then the mean gap per set. An "
                + "instance passes only when its plan is feasible with every stop served: a partial plan FAILS "
                + "(no gap, in no mean).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every instance passed", "1:an instance failed (partial or infeasible)", "2:bad options"})
public final class RoutingBenchmark implements Callable<Integer> {

    @Option(names = "--time-limit", description = "Seconds per instance (default: 10, and 60 for the kim set); "
            + "a smaller value shortens the run.")
    Double timeLimit;

    @Option(names = "--set", defaultValue = "all", description = "cvrp, solomon, christofides, kim or all "
            + "(default: ${DEFAULT-VALUE}).")
    String set;

    @Option(names = "--instances", split = ",", description = "Only instances whose name contains one of these (case-insensitive), e.g. A-n32,R101.")
    List<String> instances = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", description = "Search seed, see 'plan --help' (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", description = "The vrp-data folder (default: from $" + VrpDataLocator.ENV
            + ", else the checkout's " + VrpDataLocator.RELATIVE_PATH + ", found upwards from the working directory).")
    Path dataDir;

    @Option(names = "--first-solution", description = "Tuning: OR-Tools first solution strategy, e.g. SAVINGS, "
            + "PATH_CHEAPEST_ARC (default: AUTOMATIC, i.e. SAVINGS for plain capacitated problems, else PATH_CHEAPEST_ARC).")
    FirstSolutionStrategy.Value firstSolution = SearchSettings.defaults().firstSolution();

    @Option(names = "--metaheuristic", description = "Tuning: GUIDED_LOCAL_SEARCH, SIMULATED_ANNEALING, TABU_SEARCH "
            + "(default: GUIDED_LOCAL_SEARCH).")
    LocalSearchMetaheuristic.Value metaheuristic = SearchSettings.defaults().metaheuristic();

    @Option(names = "--lambda", description = "Tuning: guided local search lambda coefficient (default: 0.1).")
    double lambda = SearchSettings.defaults().lambda();

    @Option(names = "--iterated", description = "Tuning: add OR-Tools' iterated local search (ruin and recreate).")
    boolean iterated;

    @Option(names = "--engine", defaultValue = "auto", description = "auto: the default planner, our own searches "
            + "(SISR for plain problems, the multi-trip search for the rest); ortools: OR-Tools, for comparison, tuned "
            + "by the switches below (default: ${DEFAULT-VALUE}).")
    String engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RoutingBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<BenchmarkSet> sets = parseSets(set);
        Path data = dataDir != null ? dataDir : VrpDataLocator.require(System.getenv(), Path.of(""));
        BenchmarkCatalog catalog = new BenchmarkCatalog(data);
        List<BenchmarkInstance> selected = new ArrayList<>();
        for (BenchmarkSet s : sets) {
            for (BenchmarkInstance instance : catalog.load(s)) {
                if (instances.isEmpty() || instances.stream().anyMatch(f ->
                        instance.name().toLowerCase(Locale.ROOT).contains(f.toLowerCase(Locale.ROOT)))) {
                    selected.add(instance);
                }
            }
        }
        if (selected.isEmpty()) {
            err.println("no instance matches --instances " + instances + " in " + data + ": check the names with --set all");
            return 2;
        }
        if (timeLimit != null && !(timeLimit > 0)) {
            err.println("--time-limit must be a positive number of seconds, got " + timeLimit);
            return 2;
        }
        RoutePlanner planner = ours() ? new SearchPlanner()
                : new OrToolsPlanner(new SearchSettings(firstSolution, metaheuristic, lambda, iterated));
        BenchmarkTable table = new BenchmarkTable(out);
        table.header();
        Map<BenchmarkSet, List<BenchmarkResult>> bySet = new EnumMap<>(BenchmarkSet.class);
        int done = 0;
        for (BenchmarkInstance instance : selected) {
            done++;
            String prefix = "[" + done + "/" + selected.size() + "] ";
            double seconds = timeLimit != null ? timeLimit : instance.set().defaultSeconds();
            PlanOptions options = new PlanOptions(Duration.ofMillis(Math.round(seconds * 1000)), seed, false, null);
            BenchmarkResult result = new BenchmarkRunner(planner, options).run(instance, message -> {
                err.println(prefix + message);
                err.flush();
            });
            table.row(result);
            out.flush();
            bySet.computeIfAbsent(instance.set(), k -> new ArrayList<>()).add(result);
        }
        table.summary(bySet);
        out.flush();
        boolean allPassed = bySet.values().stream().flatMap(List::stream).allMatch(BenchmarkResult::passed);
        return allPassed ? 0 : 1;
    }

    private boolean ours() {
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "auto" -> true;
            case "ortools" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --engine '" + engine + "': use auto or ortools");
        };
    }

    private static List<BenchmarkSet> parseSets(String value) {
        if (value.equalsIgnoreCase("all")) {
            return List.of(BenchmarkSet.values());
        }
        for (BenchmarkSet s : BenchmarkSet.values()) {
            if (s.label().equalsIgnoreCase(value)) {
                return List.of(s);
            }
        }
        throw new CommandLine.ParameterException(new CommandLine(new RoutingBenchmark()),
                "unknown --set '" + value + "': use cvrp, solomon, christofides, kim or all");
    }
}
