package org.clearway.routing.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.ProgressListener;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.insert.UnplannedDiagnosis;
import org.clearway.routing.insert.UnplannedStop;
import org.clearway.routing.io.ProblemFormatException;
import org.clearway.routing.io.ProblemJson;
import org.clearway.routing.io.SolutionJson;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Solution;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Plans routes for a problem file and prints them with the feasibility checker's verdict. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plans the collection trucks' routes for a problem in the JSON format of docs/routing.md and "
                + "prints each truck's stops and unloads with arrival times and loads, the cost, the unplanned stops "
                + "with the rule no truck could meet for each, and the checker's verdict: FEASIBLE (every stop "
                + "served), PARTIAL (stops left out) or INFEASIBLE. Progress goes to stderr.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:feasible: every stop planned and every rule checked",
                "1:infeasible: the checker found violations",
                "2:bad input",
                "3:partial: every rule holds but some stops are unplanned (each printed with its reason)"})
public final class PlanCommand implements Callable<Integer> {

    /** Every stop planned, every rule checked. */
    public static final int EXIT_FEASIBLE = 0;
    /** The checker found violations. */
    public static final int EXIT_INFEASIBLE = 1;
    /** The problem could not be read. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Every rule holds but some stops are left out. */
    public static final int EXIT_PARTIAL = 3;

    @Parameters(index = "0", paramLabel = "PROBLEM", description = "Problem JSON file, or - to read standard input.")
    String input;

    @Option(names = "--time-limit", defaultValue = "10", description = "Search time in seconds; all of it is used (default: ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--seed", defaultValue = "0", description = "0 keeps the stop order; other values shuffle the order "
            + "handed to the solver and so give other solutions (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the solution and the verdict as JSON instead of text.")
    boolean json;

    @Option(names = "--minimise-vehicles", description = "Use as few trucks as possible first, then minimise distance.")
    boolean minimiseVehicles;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PlanCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(timeLimit > 0)) {
            err.println("--time-limit must be a positive number of seconds, got " + timeLimit);
            return EXIT_BAD_INPUT;
        }
        ObjectMapper mapper = new ObjectMapper();
        Problem problem;
        try (InputStream in = input.equals("-") ? System.in : Files.newInputStream(Path.of(input))) {
            problem = new ProblemJson(mapper).read(in);
        } catch (NoSuchFileException e) {
            err.println("no such file: " + input + " (give a problem JSON file, or - for standard input)");
            return EXIT_BAD_INPUT;
        } catch (ProblemFormatException e) {
            err.println("invalid problem in " + input + ": " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        err.printf(Locale.ROOT, "planning %s: %d stops, %d trucks, %d facilities, %.1f s%n", problem.name(),
                problem.stops().size(), problem.vehicles().size(), problem.facilities().size(), timeLimit);
        PlanOptions options = new PlanOptions(Duration.ofMillis(Math.round(timeLimit * 1000)), seed, minimiseVehicles,
                progress(err));
        Solution solution = new SearchPlanner().plan(problem, options);
        CheckReport check = new FeasibilityChecker(problem).check(solution);
        err.printf(Locale.ROOT, "done: %s, %d solutions seen, %s%n", solution.stats().status(), solution.stats().solutions(),
                check.verdict());
        List<UnplannedStop> reasons = new UnplannedDiagnosis(problem).diagnose(solution);
        if (json) {
            out.println(new SolutionJson(mapper).write(solution, check, reasons));
        } else {
            new SolutionPrinter(out).print(solution, check, reasons);
        }
        out.flush();
        return switch (check.status()) {
            case FEASIBLE -> EXIT_FEASIBLE;
            case INFEASIBLE -> EXIT_INFEASIBLE;
            case PARTIAL -> EXIT_PARTIAL;
        };
    }

    /** At most one line per second, so long searches show they are alive without flooding the terminal. */
    private static ProgressListener progress(PrintWriter err) {
        long[] lastPrinted = {-1000};
        return (elapsedMillis, objective, solutions) -> {
            if (elapsedMillis - lastPrinted[0] >= 1000) {
                lastPrinted[0] = elapsedMillis;
                err.printf(Locale.ROOT, "  %6.1f s: solution %d, objective %d%n", elapsedMillis / 1000.0, solutions, objective);
                err.flush();
            }
        };
    }
}
