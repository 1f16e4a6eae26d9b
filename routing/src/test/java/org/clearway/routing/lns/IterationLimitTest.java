package org.clearway.routing.lns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.clearway.routing.Fixtures;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.ProgressListener;
import org.clearway.routing.bench.CvrplibReader;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;
import org.junit.jupiter.api.Test;

/**
 * The default planner's iteration limit: the annealing follows the iterations, not the clock, so that a seed gives
 * the same plan however fast the machine runs and whatever the (far) time limit; the limit is honoured; and a time
 * limit that cuts the search short says so.
 */
class IterationLimitTest {

    private final SearchPlanner planner = new SearchPlanner();

    /** 40 stops scattered at random over 200 x 200, 2 trucks of 20 with a facility: several trips, the whole model. */
    private static Problem wholeModel() {
        Random random = new Random(7);
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            stops.add(Fixtures.stop("s" + i, random.nextDouble() * 200 - 100, random.nextDouble() * 200 - 100,
                    "residual", 1 + random.nextInt(5), null));
        }
        List<Vehicle> trucks = List.of(Fixtures.truck("t1", 20, Set.of(), 1_000_000, null, false),
                Fixtures.truck("t2", 20, Set.of(), 1_000_000, null, false));
        return Fixtures.problem(trucks, stops, true);
    }

    private static Problem plain() throws IOException {
        return new CvrplibReader().read(Fixtures.vrpData().resolve("cvrplib/A-n32-k5.vrp"));
    }

    /** A listener that makes the machine look slow: every new best plan takes 3 ms more. */
    private static final ProgressListener SLOW = slow(3);
    /** Slower still, so that the clock runs ahead of the iterations (about 1 s in all against a 10 s limit). */
    private static final ProgressListener SLOWER = slow(30);

    private static ProgressListener slow(long millis) {
        return (elapsed, objective, solutions) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private Solution plan(Problem problem, Duration limit, ProgressListener listener, long iterations) {
        return planner.plan(problem, new PlanOptions(limit, 5, false, listener).withMaxIterations(iterations));
    }

    @Test
    void theWholeModelSearchGivesTheSameRoutesOnASlowMachineAndWithAnotherTimeLimit() {
        Problem problem = wholeModel();
        Solution slow = plan(problem, Duration.ofSeconds(10), SLOWER, 4_000);
        Solution fast = plan(problem, Duration.ofHours(1), ProgressListener.NONE, 4_000);
        assertThat(slow.stats().status()).startsWith("RUIN_AND_RECREATE_TRIPS");
        assertThat(slow.routes()).isEqualTo(fast.routes());
        assertThat(slow.stats().iterations()).isEqualTo(fast.stats().iterations());
        assertThat(slow.stats().timeCapped()).isFalse();
        assertThat(new FeasibilityChecker(problem).check(slow).violations()).isEmpty();
        assertThat(slow.unplanned()).isEmpty();
    }

    @Test
    void thePlainSearchGivesTheSameRoutesOnASlowMachineAndWithAnotherTimeLimit() throws IOException {
        Problem problem = plain();
        Solution slow = plan(problem, Duration.ofSeconds(20), SLOW, 4_000);
        Solution fast = plan(problem, Duration.ofHours(1), ProgressListener.NONE, 4_000);
        assertThat(slow.stats().status()).startsWith("RUIN_AND_RECREATE ");
        assertThat(slow.routes()).isEqualTo(fast.routes());
        assertThat(slow.stats().timeCapped()).isFalse();
    }

    @Test
    void theFleetPhaseOfThePlainSearchFollowsTheIterationsToo() throws IOException {
        Problem problem = plain();
        PlanOptions options = new PlanOptions(Duration.ofSeconds(20), 3, true, SLOW).withMaxIterations(3_000);
        Solution slow = planner.plan(problem, options);
        Solution fast = planner.plan(problem, options.withTimeLimit(Duration.ofHours(1))
                .withListener(ProgressListener.NONE));
        assertThat(slow.routes()).isEqualTo(fast.routes());
    }

    @Test
    void theLimitIsHonoured() throws IOException {
        Solution trips = planner.plan(wholeModel(), new PlanOptions(Duration.ofHours(1), 1, false, null)
                .withEarlyStop(false).withMaxIterations(2_500));
        Solution sisr = planner.plan(plain(), new PlanOptions(Duration.ofHours(1), 1, false, null)
                .withEarlyStop(false).withMaxIterations(2_500));
        assertThat(trips.stats().iterations()).isEqualTo(2_500);
        assertThat(trips.stats().status()).contains("2500 iterations");
        assertThat(sisr.stats().iterations()).isEqualTo(2_500);
    }

    @Test
    void aTimeLimitThatCutsTheSearchShortIsReported() {
        Problem problem = wholeModel();
        Solution solution = plan(problem, Duration.ofMillis(50), ProgressListener.NONE, Long.MAX_VALUE);
        assertThat(solution.stats().timeCapped()).isTrue();
        assertThat(solution.stats().status()).contains(SearchPlanner.TIME_CAP);
        assertThat(solution.stats().iterations()).isLessThan(Long.MAX_VALUE);
        assertThat(new FeasibilityChecker(problem).check(solution).violations()).isEmpty();
    }

    @Test
    void withoutALimitNothingIsReportedAsCapped() {
        Solution solution = planner.plan(wholeModel(), PlanOptions.ofSeconds(0.2));
        assertThat(solution.stats().timeCapped()).isFalse();
        assertThat(solution.stats().status()).doesNotContain(SearchPlanner.TIME_CAP);
    }
}
