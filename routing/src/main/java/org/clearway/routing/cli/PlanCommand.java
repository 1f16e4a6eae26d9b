package org.clearway.routing.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.ProgressListener;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.io.ProblemFormatException;
import org.clearway.routing.io.ProblemJson;
import org.clearway.routing.io.SolutionJson;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Solution;
import org.clearway.routing.ortools.OrToolsPlanner;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Plans routes for a problem file and prints them with the feasibility checker's verdict. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plans the collection trucks' routes for a problem in the JSON format of docs/routing.md and "
                + "prints each truck's stops and unloads with arrival times and loads, the cost, the unplanned stops "
                + "and the feasibility checker's verdict. Progress goes to stderr.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:planned and checked feasible", "1:the checker found violations", "2:bad input"})
public final class PlanCommand implements Callable<Integer> {

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
            return 2;
        }
        ObjectMapper mapper = new ObjectMapper();
        Problem problem;
        try (InputStream in = input.equals("-") ? System.in : Files.newInputStream(Path.of(input))) {
            problem = new ProblemJson(mapper).read(in);
        } catch (NoSuchFileException e) {
            err.println("no such file: " + input + " (give a problem JSON file, or - for standard input)");
            return 2;
        } catch (ProblemFormatException e) {
            err.println("invalid problem in " + input + ": " + e.getMessage());
            return 2;
        }
        err.printf(Locale.ROOT, "planning %s: %d stops, %d trucks, %d facilities, %.1f s%n", problem.name(),
                problem.stops().size(), problem.vehicles().size(), problem.facilities().size(), timeLimit);
        PlanOptions options = new PlanOptions(Duration.ofMillis(Math.round(timeLimit * 1000)), seed, minimiseVehicles,
                progress(err));
        Solution solution = new OrToolsPlanner().plan(problem, options);
        CheckReport check = new FeasibilityChecker(problem).check(solution);
        err.printf(Locale.ROOT, "done: %s, %d solutions seen, %s%n", solution.stats().status(), solution.stats().solutions(),
                check.verdict());
        if (json) {
            out.println(new SolutionJson(mapper).write(solution, check));
        } else {
            new SolutionPrinter(out).print(solution, check);
        }
        out.flush();
        return check.feasible() ? 0 : 1;
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
