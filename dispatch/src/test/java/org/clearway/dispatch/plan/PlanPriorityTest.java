package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.clearway.dispatch.fleet.FacilityKind;
import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.dispatch.fleet.TruckStatus;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.junit.jupiter.api.Test;

/**
 * An overloaded day: one truck of 720 l and no transfer station (one load), nine full 240 l bins. Six routine jobs
 * lie next to the depot; two fire jobs and one routine job overdue by five hours lie 9 km away.
 */
class PlanPriorityTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final List<FleetFacility> DEPOT = List.of(new FleetFacility("depot", FacilityKind.DEPOT, "Depot",
            31.27, 121.46, List.of(), LocalTime.of(5, 0), LocalTime.of(23, 0)));
    private static final List<Truck> TRUCK = List.of(new Truck("t1", "depot", List.of("residual"), 720, 5_000,
            LocalTime.of(6, 0), LocalTime.of(14, 0), TruckStatus.ACTIVE));

    private static PlanJob job(long id, Priority priority, Instant due, double lat, double lon) {
        return new PlanJob(id, "b-" + id, priority == Priority.URGENT ? JobReason.FIRE_ALARM : JobReason.THRESHOLD,
                priority, JobState.OPEN, null, due, NOW.minusSeconds(600), lat, lon, "residual", 240, 100.0);
    }

    private static ShiftProblem overloaded() {
        List<PlanJob> jobs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            jobs.add(job(i, Priority.NORMAL, NOW.plus(Duration.ofHours(20)), 31.270 + i / 2000.0, 121.461));
        }
        jobs.add(job(7, Priority.URGENT, NOW, 31.200, 121.400));
        jobs.add(job(8, Priority.URGENT, NOW, 31.201, 121.401));
        jobs.add(job(9, Priority.NORMAL, NOW.minus(Duration.ofHours(5)), 31.202, 121.402));
        return new ProblemBuilder(ZoneOffset.UTC, DriverBreak.OFF).build(new PlanSnapshot(NOW, DAY, TRUCK, DEPOT, jobs,
                Map.of()));
    }

    @Test
    void theDropWeightGrowsWithPriorityAndLateness() {
        assertThat(ProblemBuilder.dropWeight(Priority.NORMAL, 20 * 3600)).isEqualTo(1);
        assertThat(ProblemBuilder.dropWeight(Priority.NORMAL, 1800)).as("due within the hour").isEqualTo(2);
        assertThat(ProblemBuilder.dropWeight(Priority.NORMAL, -5 * 3600)).as("five hours overdue").isEqualTo(7);
        assertThat(ProblemBuilder.dropWeight(Priority.NORMAL, -90 * 3600)).as("capped at a day").isEqualTo(26);
        assertThat(ProblemBuilder.dropWeight(Priority.URGENT, 0)).isEqualTo(200);
        assertThat(ProblemBuilder.dropWeight(Priority.URGENT, 10 * 3600)).as("outweighs any routine job").isEqualTo(100);
    }

    @Test
    void anOverloadedDayKeepsTheUrgentAndOverdueJobs() {
        ShiftProblem shift = overloaded();
        Solution solution = new SearchPlanner().plan(shift.problem(), PlanOptions.ofSeconds(2));

        assertThat(new FeasibilityChecker(shift.problem()).check(solution).partial()).isTrue();
        assertThat(solution.unplanned()).as("the six routine jobs near the depot are left out, fire and overdue kept")
                .containsExactlyInAnyOrder("job-1", "job-2", "job-3", "job-4", "job-5", "job-6");
    }

    @Test
    void withOneDropPenaltyForAllTheSameDayWouldKeepTheNearRoutineJobs() {
        Problem problem = overloaded().problem();
        List<Stop> equal = problem.stops().stream().map(s -> new Stop(s.id(), s.location(), s.stream(), s.demand(),
                s.serviceTime(), s.window())).toList();
        Problem flat = new Problem(problem.name(), problem.distanceModel(), problem.depots(), problem.facilities(),
                problem.vehicles(), equal);

        Solution solution = new SearchPlanner().plan(flat, PlanOptions.ofSeconds(2));

        assertThat(solution.unplanned()).as("what the weights prevent: the far urgent jobs dropped")
                .contains("job-7", "job-8", "job-9");
    }
}
