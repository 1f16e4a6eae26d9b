package org.clearway.routing.lns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.clearway.routing.ProgressListener;

/**
 * Ruin-and-recreate search (SISR, see {@link RuinRecreate}) over a {@link CompactProblem}, accepted by simulated
 * annealing.
 *
 * <p>With {@code minimiseVehicles} a fleet phase comes first, after SISR's fleet minimisation: take a tour away,
 * then keep ruining and recreating without new tours. A candidate replaces the current plan when it leaves out
 * fewer customers, or customers that were left out less often so far (each customer's absence count grows every
 * time a candidate leaves it out), or, with the same customers left out, when annealing on distance accepts it,
 * which keeps the tours compact. Once every customer is served again the plan has one tour fewer and a random
 * tour goes next; an attempt that has not succeeded within {@link #ATTEMPT_SHARE} of the phase restarts from the
 * best plan without another tour. The phase is strict: the plan never has more tours than one fewer than the best
 * (customers that fit nowhere then stay out), and the absence counts are kept across attempts, so the customers that
 * were hardest to place so far are reinserted first in the next attempt too. A tour that a ruin empties may be opened
 * again within that limit: when it could not, each emptied tour was lost to the attempt, which shrank to 10 tours
 * with 20-30 customers out on RC101 and stalled there until it restarted. The distance phase then never uses more
 * tours than the fleet phase reached.
 *
 * <p>Plain capacitated problems (no schedule to keep) start from Clarke and Wright's savings ({@link Savings}) when
 * it is shorter than the insertion start, and the tours a move changed are improved by 2-opt and or-opt
 * ({@link Tour#improve()}) when the move gives a new best plan. Improving every candidate instead cost more than
 * half of the iterations on X-n1001 (30,551 against 71,199 without it in 30 s, both at load 15) and ended longer.
 */
public final class RuinRecreateSearch {

    /** Share of the time after construction given to the fleet phase when trucks are minimised first. */
    private static final double FLEET_SHARE = 0.6;
    /**
     * The same share when customers have time windows (or the shift binds): there removing a tour is the hard part
     * and the distance phase after it needs less. Measured only together with the other fleet-phase changes
     * (Solomon at the best-known truck count: 6-7 of 7 in four runs against 4 of 7 before, docs/routing.md).
     */
    private static final double TIMED_FLEET_SHARE = 0.8;
    /**
     * Share of the fleet phase after which an attempt to remove one tour starts over with another tour (0.15
     * before: with the absence counts kept across attempts, longer attempts took RC101 to 14 trucks in 4 of 4 runs
     * against 2 of 4, 2026-12-07, load 13-16).
     */
    private static final double ATTEMPT_SHARE = 0.3;
    /** Start and end temperatures of the distance phase, in mean edge lengths of the first plan. */
    private static final double START_TEMPERATURE = 1.0;
    private static final double END_TEMPERATURE = 0.01;
    /** Temperature of the fleet phase's distance tie-break, in mean edge lengths. */
    private static final double FLEET_TEMPERATURE = 0.05;
    /** Chance that a fleet-phase ruin starts at a customer left out rather than at a random one. */
    private static final double SEED_AT_MISSING = 0.5;

    /**
     * What the search found: tours as stop indices, how many stops it could not serve, effort, and whether a search
     * with an iteration limit was cut short by its deadline (its result then depends on the machine).
     */
    public record Result(List<int[]> tours, int unassigned, long iterations, int improvements, boolean timeCapped) {
    }

    private final CompactProblem p;
    private final SplittableRandom random;
    private final RuinRecreate moves;
    private final ProgressListener listener;
    private final long startNanos;
    /** Penalty per customer left out of a plan that can become the best: more than any tour costs. */
    private final double missingPenalty;
    /** Penalty per customer left out while annealing: a round trip to the farthest customer. */
    private final double softPenalty;
    private int improvements;
    private long iterations;
    private boolean cutShort;
    private boolean earlyStop = true;

    public RuinRecreateSearch(CompactProblem p, long seed, ProgressListener listener, long startNanos) {
        this.p = p;
        this.random = new SplittableRandom(seed);
        this.moves = new RuinRecreate(p, random);
        this.listener = listener;
        this.startNanos = startNanos;
        double longest = Arrays.stream(p.distance).flatMapToDouble(Arrays::stream).max().orElse(0);
        double reach = Arrays.stream(p.distance[0]).max().orElse(0);
        this.missingPenalty = 100 * (2 * longest + p.fixedCost + 1);
        this.softPenalty = 2 * reach + p.fixedCost;
    }

    /** Uses the whole budget: no early stop after {@link TripSearch#idleLimit} iterations without a new best. */
    public RuinRecreateSearch withoutEarlyStop() {
        earlyStop = false;
        return this;
    }

    /** Searches until {@code deadlineNanos} (a {@link System#nanoTime()} value). */
    public Result solve(long deadlineNanos, boolean minimiseVehicles) {
        return solve(deadlineNanos, 0, minimiseVehicles);
    }

    /**
     * Searches until {@code maxIterations} ruin-and-recreate steps (0: no limit), or {@code deadlineNanos}. With a
     * limit every phase is measured in iterations (the fleet phase's share, its attempts, the annealing's
     * temperature), so that the result depends on the seed only; the deadline is then a safety cap, and
     * {@link Result#timeCapped()} says when it cut the search short.
     */
    public Result solve(long deadlineNanos, long maxIterations, boolean minimiseVehicles) {
        Plan plan = construct();
        if (!plan.unassigned.isEmpty()) {
            // A stop fits in no tour of its own (window or shift): leave it to a planner that can drop stops.
            return result(plan, plan.unassigned.size());
        }
        if (plan.tours.size() > p.maxTours) {
            // The greedy start needs more trucks than the fleet has: cut tours until it fits.
            plan = minimiseTours(plan, deadlineNanos, maxIterations, p.maxTours);
            if (plan.tours.size() > p.maxTours) {
                return result(plan, p.n);
            }
        }
        int tourLimit = p.maxTours;
        if (minimiseVehicles) {
            long now = System.nanoTime();
            double share = p.timed ? TIMED_FLEET_SHARE : FLEET_SHARE;
            long phaseEnd = maxIterations > 0
                    ? iterations + Math.max(1, (long) ((maxIterations - iterations) * share)) : 0;
            plan = minimiseTours(plan, maxIterations > 0 ? deadlineNanos : now + (long) ((deadlineNanos - now) * share),
                    phaseEnd, p.capacityBound());
            tourLimit = plan.tours.size();
        }
        return result(anneal(plan, deadlineNanos, maxIterations, tourLimit), 0);
    }

    private Result result(Plan plan, int unassigned) {
        return new Result(plan.stopIndices(), unassigned, iterations, improvements, cutShort);
    }

    /**
     * Whether a search stops now: after {@code iterationEnd} iterations when it is set (a deadline passed first
     * cuts it short), else at the deadline.
     */
    private boolean over(long deadlineNanos, long iterationEnd) {
        if (iterationEnd > 0 && iterations >= iterationEnd) {
            return true;
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            cutShort |= iterationEnd > 0;
            return true;
        }
        return false;
    }

    /**
     * The first plan: every customer inserted at its cheapest position, and for plain capacitated problems (no
     * schedule to keep) also Clarke and Wright's savings ({@link Savings}) with 2-opt and or-opt on each tour; the
     * savings plan is kept when it fits the fleet (or needs fewer tours than the insertion) and is shorter.
     */
    private Plan construct() {
        Plan plan = new Plan(new ArrayList<>(), new ArrayList<>());
        List<Integer> all = new ArrayList<>(IntStream.rangeClosed(1, p.n).boxed().toList());
        moves.recreate(plan, all, Integer.MAX_VALUE, null);
        if (!p.timed && plan.unassigned.isEmpty()) {
            Plan savings = new Savings(p).build();
            savings.improveOwnTours();
            plan.improveOwnTours();
            int fleet = Math.max(p.maxTours, plan.tours.size());
            if (savings.tours.size() <= fleet && savings.cost(p, 0) < plan.cost(p, 0)) {
                plan = savings;
            }
        }
        report(plan);
        return plan;
    }

    /**
     * Simulated annealing on cost; the temperature falls exponentially with the time used (with an iteration limit:
     * with the iterations used, and the deadline only caps). Plans that leave
     * customers out may be accepted at a moderate penalty (a way through tight capacity or windows), but only
     * complete plans can become the best. Stops early after {@link TripSearch#idleLimit} iterations without a new
     * best.
     */
    private Plan anneal(Plan start, long deadlineNanos, long maxIterations, int tourLimit) {
        Plan current = start;
        Plan best = start.copy();
        double bestCost = best.cost(p, missingPenalty);
        double currentCost = current.cost(p, softPenalty);
        double edge = meanEdge(start);
        double t0 = START_TEMPERATURE * edge;
        double tf = END_TEMPERATURE * edge;
        long from = System.nanoTime();
        double span = Math.max(1, deadlineNanos - from);
        long firstIteration = iterations;
        double iterationSpan = Math.max(1, maxIterations - firstIteration);
        List<Integer> removed = new ArrayList<>();
        long idleLimit = earlyStop ? TripSearch.idleLimit(p.n) : Long.MAX_VALUE;
        long lastBest = iterations;
        while (iterations - lastBest < idleLimit && !over(deadlineNanos, maxIterations)) {
            double progress = maxIterations > 0 ? (iterations - firstIteration) / iterationSpan
                    : (System.nanoTime() - from) / span;
            double temperature = t0 * Math.pow(tf / t0, progress);
            Plan next = ruinAndRecreate(current, removed, 1 + random.nextInt(p.n), tourLimit, null);
            double cost = next.cost(p, softPenalty);
            if (cost < currentCost - temperature * Math.log(random.nextDouble())) {
                current = next;
                if (next.unassigned.isEmpty() && cost < bestCost - 1e-9) {
                    // A new best: its changed tours get 2-opt and or-opt (plain capacitated problems only).
                    next.improveOwnTours();
                    cost = next.cost(p, softPenalty);
                    best = next.copy();
                    bestCost = cost;
                    lastBest = iterations;
                    report(best);
                }
                currentCost = cost;
            }
        }
        return best;
    }

    /**
     * The fleet phase, until the plan has {@code target} tours (or the capacity bound) or time runs out (with
     * {@code iterationEnd} set: that many iterations in all, each attempt {@link #ATTEMPT_SHARE} of them); returns
     * the complete plan with the fewest tours found.
     */
    private Plan minimiseTours(Plan complete, long deadlineNanos, long iterationEnd, int target) {
        Plan best = complete;
        int bound = Math.max(target, p.capacityBound());
        int[] absences = new int[p.n + 1];
        double temperature = FLEET_TEMPERATURE * meanEdge(complete);
        boolean counted = iterationEnd > 0;
        long phaseStart = counted ? iterations : System.nanoTime();
        long attemptLength = (long) (ATTEMPT_SHARE * ((counted ? iterationEnd : deadlineNanos) - phaseStart));
        long attemptEnd = phaseStart + attemptLength;
        Plan current = withoutOneTour(best);
        List<Integer> removed = new ArrayList<>();
        while (best.tours.size() > bound && !over(deadlineNanos, iterationEnd)) {
            int seed = !current.unassigned.isEmpty() && random.nextDouble() < SEED_AT_MISSING
                    ? current.unassigned.get(random.nextInt(current.unassigned.size())) : 1 + random.nextInt(p.n);
            // A ruin may empty a tour (a string can take a whole one); the recreate may open tours again up to one
            // fewer than the best plan has, else every emptied tour would be lost for the rest of the attempt.
            Plan next = ruinAndRecreate(current, removed, seed, best.tours.size() - 1, absences);
            for (int c : next.unassigned) {
                absences[c]++;
            }
            long nextAbsences = absenceSum(next, absences);
            long currentAbsences = absenceSum(current, absences);
            boolean sameMissing = nextAbsences == currentAbsences && next.unassigned.size() == current.unassigned.size();
            if (next.unassigned.size() < current.unassigned.size() || nextAbsences < currentAbsences
                    || sameMissing && next.distance() < current.distance() - temperature * Math.log(random.nextDouble())) {
                current = next;
            }
            long at = counted ? iterations : System.nanoTime();
            if (current.unassigned.isEmpty()) {
                best = current;
                report(best);
                current = withoutOneTour(best);
                attemptEnd = at + attemptLength;
            } else if (at - attemptEnd > 0) {
                current = withoutOneTour(best);
                attemptEnd = at + attemptLength;
            }
        }
        return best;
    }

    /** A copy of the plan, ruined around {@code seed} and recreated with its left-out customers. */
    private Plan ruinAndRecreate(Plan plan, List<Integer> removed, int seed, int tourCap, int[] priority) {
        Plan next = plan.copy();
        removed.clear();
        removed.addAll(next.unassigned);
        next.unassigned.clear();
        moves.ruin(next, removed, seed);
        moves.recreate(next, removed, tourCap, priority);
        iterations++;
        return next;
    }

    private double meanEdge(Plan plan) {
        return Math.max(1e-9, plan.distance() / (p.n + plan.tours.size()));
    }

    private static long absenceSum(Plan plan, int[] absences) {
        long sum = 0;
        for (int c : plan.unassigned) {
            sum += absences[c];
        }
        return sum;
    }

    /** A copy of the plan without a random tour, whose customers are left out. */
    private Plan withoutOneTour(Plan plan) {
        Plan copy = plan.copy();
        Tour gone = copy.tours.remove(random.nextInt(copy.tours.size()));
        for (int i = 0; i < gone.size(); i++) {
            copy.unassigned.add(gone.node(i));
        }
        return copy;
    }

    private void report(Plan plan) {
        improvements++;
        listener.onSolution((System.nanoTime() - startNanos) / 1_000_000,
                Math.round(plan.cost(p, missingPenalty)), improvements);
    }
}
