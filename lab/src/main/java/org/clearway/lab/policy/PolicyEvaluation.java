package org.clearway.lab.policy;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.clearway.decisions.PolicyConfig;
import org.clearway.decisions.rounds.RiskRules;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;

/**
 * The policy evaluation command: simulates a city for some weeks under the fixed calendar, plain thresholds and our
 * forecast-and-risk policy, and prints truck-km, collections, fill at collection, overflow, job response times and
 * truck-days per policy. See {@code docs/policy.md}.
 */
@Command(name = "policy-evaluation", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulates a city's bins, sensors and trucks for some weeks under three collection policies "
                + "(calendar, threshold, forecast) and prints per policy: truck-km, collections, mean fill at "
                + "collection, overflow bin-hours per 1,000 bin-days, job response time (mean, p90), truck-days, and "
                + "whether ours drives at least 30 % fewer km than the calendar with fewer overflow bin-hours. "
                + "Deterministic for a seed. Progress (one line per shift day) goes to stderr.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the evaluation ran", "2:bad options"})
public final class PolicyEvaluation implements Callable<Integer> {

    static final List<String> POLICIES = List.of("calendar", "threshold", "forecast");

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the city, its waste and its sensors (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bins", defaultValue = "3000", description = "Bins in the city; its area grows with them (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--weeks", defaultValue = "4", description = "Measured weeks (default: ${DEFAULT-VALUE}).")
    int weeks;

    @Option(names = "--warmup-days", defaultValue = "7", description = "Days simulated before measuring, so that "
            + "levels settle and forecasters learn (default: ${DEFAULT-VALUE}).")
    int warmupDays;

    @Option(names = "--trucks", defaultValue = "2", description = "Trucks per district and stream; 4 districts (default: ${DEFAULT-VALUE}).")
    int trucks;

    @Option(names = "--streams", split = ",", defaultValue = "residual,recyclable,kitchen,glass",
            description = "Waste streams of the city, from residual, recyclable, kitchen, glass, hazardous; the live "
                    + "simulator's city is residual,recyclable,kitchen,hazardous (default: ${DEFAULT-VALUE}).")
    List<String> streams;

    @Option(names = "--policy", split = ",", defaultValue = "calendar,threshold,forecast",
            description = "Policies to run, from calendar, threshold, forecast (default: ${DEFAULT-VALUE}).")
    List<String> policies;

    @Option(names = "--calendar-days", defaultValue = "EVEN", description = "The calendar's weekdays: EVEN spreads "
            + "them as cities commonly do (Mon+Wed+Fri or Tue+Thu+Sat, ...); RHYTHM fits its frequencies and days to "
            + "the week's rhythm of each stream, as ours does (default: ${DEFAULT-VALUE}).")
    CalendarPolicy.Days calendarDays;

    @Option(names = "--rounds", defaultValue = "WEEKDAYS", description = "Ours: how a group's round days are chosen: "
            + "WEEKDAYS fits them to the week's rhythm of waste the sensors show (see --gap-quantile), CYCLE spaces "
            + "them evenly (see --round-divisor) (default: ${DEFAULT-VALUE}).")
    RiskRules.Rounds rounds;

    @Option(names = "--gap-quantile", defaultValue = "0.05", description = "Ours, with --rounds WEEKDAYS: a stream "
            + "gets the fewest rounds a week whose longest gap holds no more expected waste than this quantile of its "
            + "bins' mean days to full, the calendar's own sizing rule (default: ${DEFAULT-VALUE}).")
    double gapQuantile;

    @Option(names = "--first-fit-floor", defaultValue = "false", description = "Ours, with --rounds WEEKDAYS: a "
            + "stream's first fit (its rhythm learnt from one week) gets no fewer rounds a week than a flat week "
            + "would, the evenly spread calendar's count (default: ${DEFAULT-VALUE}).")
    boolean firstFitFloor;

    @Option(names = "--round-every", defaultValue = "0", description = "Ours: working days between two rounds of a "
            + "district's trucks of a stream; urgent bins send a truck in between; 0: per stream, a third of its "
            + "median days to full, at least 2 (default: ${DEFAULT-VALUE}).")
    int roundEvery;

    @Option(names = "--round-divisor", defaultValue = "3", description = "Ours: with --rounds CYCLE and --round-every 0, a stream's "
            + "rounds are its median days to full divided by this apart, in working days, at least 2 (default: ${DEFAULT-VALUE}).")
    double roundDivisor;

    @Option(names = "--risk-margin-hours", defaultValue = "0", description = "Ours: a bin is at risk when its early "
            + "estimate of full is before the end of its group's next round plus this many hours (default: ${DEFAULT-VALUE}).")
    double riskMarginHours;

    @Option(names = "--opportunistic-pct", defaultValue = "40", description = "Ours: a bin at least this full goes "
            + "along when its group's truck passes by (default: ${DEFAULT-VALUE}).")
    double opportunisticPct;

    @Option(names = "--near-m", defaultValue = "300", description = "Ours: the truck passes by a bin within this "
            + "street-grid distance of a bin at risk or urgent (default: ${DEFAULT-VALUE}).")
    double nearM;

    @Option(names = "--sectors", defaultValue = "GRID", description = "Ours: sectors of a district; a bin also goes "
            + "along when its sector has a bin at risk or urgent: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    RiskRules.Sectors sectors;

    @Option(names = "--sector-m", defaultValue = "1000", description = "Ours: side of a GRID sector, metres (default: ${DEFAULT-VALUE}).")
    double sectorM;

    @Option(names = "--ahead-rounds", defaultValue = "0", description = "Ours: a passed-by bin also goes along, "
            + "whatever its level, when it would be at risk within this many further rounds; 0: off (default: ${DEFAULT-VALUE}).")
    int aheadRounds;

    @Option(names = "--risk-quantile", defaultValue = "P10", description = "Ours: the estimate of \"full\" that "
            + "makes a bin at risk: ${COMPLETION-CANDIDATES}; P10 has one chance in ten of being full earlier, P50 is "
            + "the median (default: ${DEFAULT-VALUE}).")
    RiskRules.RiskQuantile riskQuantile;

    @Option(names = "--sector-min-risk", defaultValue = "1", description = "Ours: on a round day a sector's bins at "
            + "risk are collected only when it has at least this many, or one is likely (P50) full before the next "
            + "round ends; needs --sectors (default: ${DEFAULT-VALUE}).")
    int sectorMinRisk;

    @Option(names = "--urgent-min", defaultValue = "1", description = "Ours: between rounds a group's truck goes out "
            + "only for at least this many urgent bins; the others wait for the round (default: ${DEFAULT-VALUE}).")
    int urgentMin;

    @Option(names = "--urgent-hours", defaultValue = "120", description = "Ours: between rounds a group's truck goes "
            + "out only when its urgent bins would stand full (median forecast) at least this many bin-hours in all "
            + "before the next round (default: ${DEFAULT-VALUE}).")
    double urgentHours;

    @Option(names = "--report-minutes", defaultValue = "60", description = "Sensor report period, a multiple of 15 (default: ${DEFAULT-VALUE}).")
    int reportMinutes;

    @Option(names = "--pool", defaultValue = "DISTRICT", description = "All policies: which bins a planner run gets, "
            + "with which trucks: DISTRICT (a district's, its own trucks), HALF (the west or east half of the city, the "
            + "trucks of its two depots) or CITY (every depot's trucks) (default: ${DEFAULT-VALUE}).")
    Pooling pool;

    @Option(names = "--engine", defaultValue = "search", description = "All policies: the route planner, search (the "
            + "project's own search, which the dispatch service runs, for --search-iterations iterations) or ortools "
            + "(OR-Tools, see --search-solutions; the default until 7 December 2026) (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--search-solutions", defaultValue = "0", description = "All policies, --engine ortools: 0 plans "
            + "with OR-Tools' greedy descent (to a local optimum); N > 0 goes on with guided local search for N "
            + "solutions in all, a limit that does not depend on the clock (default: ${DEFAULT-VALUE}).")
    long searchSolutions;

    @Option(names = "--search-iterations", defaultValue = "" + PlannerChoice.DEFAULT_SEARCH_ITERATIONS,
            description = "All policies, --engine search: iterations per planner run; the search's annealing follows "
                    + "them, not the clock (default: ${DEFAULT-VALUE}).")
    long searchIterations;

    @Option(names = "--plan-time-cap", defaultValue = "60", description = "Safety cap per planner run, seconds. Each "
            + "run is a greedy descent to a local optimum, a solution limit or an iteration limit, none of which "
            + "depends on the clock; a run stopped by this cap is reported, as it makes the output depend on the "
            + "machine (default: ${DEFAULT-VALUE}).")
    double planTimeCap;

    @Option(names = "--csv", description = "Also write the figures as CSV to this file.")
    Path csv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PolicyEvaluation()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = validate();
        if (problem != null) {
            err.println(problem);
            return 2;
        }
        Map<String, StreamSpec> known = new java.util.LinkedHashMap<>();
        StreamSpec.defaults().forEach(s -> known.put(s.code(), s));
        known.put(StreamSpec.HAZARDOUS.code(), StreamSpec.HAZARDOUS);
        List<StreamSpec> chosen = new ArrayList<>(new LinkedHashSet<>(streams)).stream().map(known::get).toList();
        CityConfig config = new CityConfig(seed, bins, chosen, trucks);
        SimulationSettings settings = new SimulationSettings(weeks, warmupDays, reportMinutes / 15);
        Duration cap = Duration.ofMillis(Math.round(planTimeCap * 1000));
        Consumer<String> progress = line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        };
        RiskRules rules = new RiskRules(opportunisticPct, nearM, roundEvery, sectors, sectorM, aheadRounds, riskQuantile, sectorMinRisk, urgentMin,
                urgentHours, roundDivisor, riskMarginHours, rounds, gapQuantile, firstFitFloor);
        PlannerChoice planner = new PlannerChoice("search".equals(engine) ? PlannerChoice.Engine.SEARCH
                : PlannerChoice.Engine.ORTOOLS, searchSolutions, searchIterations);
        List<PolicyResult> results = evaluate(config, settings, cap, pool, planner, rules, calendarDays,
                new LinkedHashSet<>(policies), progress);
        City city = City.generate(config);
        out.printf(Locale.ROOT, "seed %d: %d bins, %d communities, city %.1f km x %.1f km, %d districts, %d trucks per "
                        + "district and stream; %d measured weeks after %d warm-up days; sensors every %d min%n",
                seed, bins, city.communities(), city.width() / 1000, city.height() / 1000, config.districts(), trucks,
                weeks, warmupDays, reportMinutes);
        out.println("calendar visits per week: " + new CalendarPolicy(city, calendarDays).frequencies()
                + (calendarDays == CalendarPolicy.Days.EVEN ? "" : " (days fitted to the week's rhythm)"));
        out.println("planner: " + planner.describe());
        out.println();
        ResultTable table = new ResultTable(results);
        table.print(out);
        if (csv != null) {
            try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(csv))) {
                table.csv(file);
            }
            err.println("wrote " + csv);
        }
        return 0;
    }

    /**
     * Runs the named policies on the same city, each on its own thread (up to the machine's processors) with its
     * own planner, and returns their results in the order calendar, threshold, forecast. The policies share nothing,
     * so the threads do not change the figures.
     */
    static List<PolicyResult> evaluate(CityConfig config, SimulationSettings settings, Duration planTimeCap,
                                       Pooling pooling, long searchSolutions, RiskRules rules, Set<String> policies, Consumer<String> progress) {
        return evaluate(config, settings, planTimeCap, pooling, searchSolutions, rules, CalendarPolicy.Days.EVEN, policies,
                progress);
    }

    static List<PolicyResult> evaluate(CityConfig config, SimulationSettings settings, Duration planTimeCap,
                                       Pooling pooling, long searchSolutions, RiskRules rules,
                                       CalendarPolicy.Days calendarDays, Set<String> policies, Consumer<String> progress) {
        return evaluate(config, settings, planTimeCap, pooling, PlannerChoice.orTools(searchSolutions), rules,
                calendarDays, policies, progress);
    }

    static List<PolicyResult> evaluate(CityConfig config, SimulationSettings settings, Duration planTimeCap,
                                       Pooling pooling, PlannerChoice planner, RiskRules rules,
                                       CalendarPolicy.Days calendarDays, Set<String> policies, Consumer<String> progress) {
        City city = City.generate(config);
        List<String> names = POLICIES.stream().filter(policies::contains).toList();
        int threads = Math.max(1, Math.min(names.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<PolicyResult>> runs = new ArrayList<>();
            for (String name : names) {
                runs.add(pool.submit(() -> {
                    // Clock-independent runs only: OR-Tools' greedy descent or solution limit, or the own search
                    // with an iteration limit (PlannerChoice).
                    Simulation simulation = new Simulation(city, new ShiftPlanner(city, planner.planner(),
                            planner.options(planTimeCap), pooling), settings, progress);
                    return simulation.run(policy(name, city, rules, pooling, calendarDays));
                }));
            }
            List<PolicyResult> results = new ArrayList<>();
            for (Future<PolicyResult> run : runs) {
                results.add(run.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a policy's simulation failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static CollectionPolicy policy(String name, City city, RiskRules rules, Pooling pooling,
                                   CalendarPolicy.Days calendarDays) {
        return switch (name) {
            case "calendar" -> new CalendarPolicy(city, calendarDays);
            case "threshold" -> new ThresholdPolicy(city, PolicyConfig.defaults().thresholds());
            case "forecast" -> new ForecastRiskPolicy(city, PolicyConfig.defaults(), rules, pooling);
            default -> throw new IllegalArgumentException("unknown policy " + name + ": use calendar, threshold or forecast");
        };
    }

    private String validate() {
        Set<String> known = Set.of("residual", "recyclable", "kitchen", "glass", StreamSpec.HAZARDOUS.code());
        for (String s : streams) {
            if (!known.contains(s)) {
                return "--streams: unknown stream '" + s + "'; use residual, recyclable, kitchen, glass, hazardous";
            }
        }
        for (String p : policies) {
            if (!POLICIES.contains(p)) {
                return "--policy: unknown policy '" + p + "'; use calendar, threshold, forecast";
            }
        }
        if (bins < 1 || weeks < 1 || warmupDays < 0 || trucks < 1) {
            return "--bins, --weeks and --trucks must be at least 1 and --warmup-days at least 0";
        }
        if (roundEvery < 0 || aheadRounds < 0 || !(nearM >= 0) || !(sectorM > 0) || sectorMinRisk < 1 || urgentMin < 1
                || !(urgentHours >= 0) || !(roundDivisor >= 1) || !(riskMarginHours >= 0) || !(gapQuantile > 0 && gapQuantile < 1)) {
            return "--round-every, --ahead-rounds and --near-m must be at least 0, --sector-m positive and "
                    + "--sector-min-risk and --urgent-min at least 1, --urgent-hours at least 0, --round-divisor at least 1, --risk-margin-hours at least 0, --gap-quantile between 0 and 1";
        }
        if (reportMinutes < 15 || reportMinutes % 15 != 0) {
            return "--report-minutes must be a positive multiple of 15 (the simulation's step), got " + reportMinutes;
        }
        if (!"search".equals(engine) && !"ortools".equals(engine)) {
            return "--engine: unknown engine '" + engine + "'; use search or ortools";
        }
        if (searchIterations < 1) {
            return "--search-iterations must be at least 1, got " + searchIterations;
        }
        if (searchSolutions < 0) {
            return "--search-solutions must be at least 0 (0: greedy descent), got " + searchSolutions;
        }
        if (!(planTimeCap > 0)) {
            return "--plan-time-cap must be a positive number of seconds, got " + planTimeCap;
        }
        return null;
    }
}
