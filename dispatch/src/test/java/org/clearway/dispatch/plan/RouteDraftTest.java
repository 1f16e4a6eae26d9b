package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: a route keeps only the bin stops whose job is still its truck's when the plan is stored; the unloads of
 * the bins it lost go with them, so the published route has no two unloads in a row (the checker's rule).
 */
class RouteDraftTest {

    private static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");

    private static RouteDraft.DraftStop bin(long id) {
        PlanJob job = new PlanJob(id, "b-" + id, JobReason.THRESHOLD, Priority.NORMAL, JobState.DISPATCHED, "t1",
                AT.plusSeconds(86_400), AT, 31.24, 121.47, "residual", 240, 100.0);
        return new RouteDraft.DraftStop(RouteDraft.Kind.BIN, job, null, 31.24, 121.47, AT.plusSeconds(id * 60), 0);
    }

    private static RouteDraft.DraftStop unload() {
        return new RouteDraft.DraftStop(RouteDraft.Kind.UNLOAD, null, "transfer", 31.22, 121.53, AT, 0);
    }

    private static RouteDraft.DraftStop depot() {
        return new RouteDraft.DraftStop(RouteDraft.Kind.DEPOT, null, "depot", 31.27, 121.46, AT, 0);
    }

    private static final RouteDraft ROUTE = new RouteDraft("t1", List.of(bin(1), bin(2), unload(), bin(3), unload(),
            RouteDraft.DraftStop.pause(AT, 30), bin(4), unload(), depot()), 10_000, 3_600);

    @Test
    void theUnloadOfALoadWhoseBinsAllWentGoesWithThem() {
        assertThat(ROUTE.keeping(Set.of(1L, 2L, 4L)::contains).stopKeys()).containsExactly("bin:1", "bin:2",
                "unload:transfer", "break:30", "bin:4", "unload:transfer", "depot:depot");
        assertThat(ROUTE.keeping(Set.of(3L)::contains).stopKeys()).containsExactly("bin:3", "unload:transfer",
                "break:30", "depot:depot");
        assertThat(ROUTE.keeping(Set.of(1L)::contains).stopKeys()).containsExactly("bin:1", "unload:transfer",
                "break:30", "depot:depot");
    }

    @Test
    void aLoadThatKeepsOneBinKeepsItsUnload() {
        assertThat(ROUTE.keeping(Set.of(2L, 3L, 4L)::contains).stopKeys()).containsExactly("bin:2", "unload:transfer",
                "bin:3", "unload:transfer", "break:30", "bin:4", "unload:transfer", "depot:depot");
    }

    @Test
    void aRouteThatKeepsNoBinHasNoStops() {
        assertThat(ROUTE.keeping(id -> false).stops()).isEmpty();
    }

    @Test
    void aTruckHomeWithNothingToDoBreaksNoRule() {
        // the checker finds a depot return "after the shift" for a truck at home after its shift: nothing to warn of
        RouteDraft home = new RouteDraft("t1", List.of(depot()), 0, 0, false, false,
                List.of("SHIFT [t1] depot: returns at 58277 after the shift ends at 50400"));
        assertThat(home.stops()).isEmpty();
        assertThat(home.violations()).isEmpty();
        RouteDraft away = new RouteDraft("t1", List.of(depot()), 900, 120, true, false,
                List.of("SHIFT [t1] depot: returns at 58277 after the shift ends at 50400"));
        assertThat(away.violations()).hasSize(1);
    }
}
