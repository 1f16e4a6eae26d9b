package org.clearway.lab.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.junit.jupiter.api.Test;

/** Generated days: the same seed gives the same day, and a 250-bin district day is planned completely. */
class DayGeneratorTest {

    @Test
    void theSameSeedGivesTheSameDay() {
        Problem first = new DayGenerator(3).day(250);
        Problem second = new DayGenerator(3).day(250);
        assertThat(second).usingRecursiveComparison().isEqualTo(first);
        assertThat(new DayGenerator(4).day(250).stops()).isNotEqualTo(first.stops());
    }

    @Test
    void aDayHasTheIssuesShape() {
        Problem day = new DayGenerator(1).day(1000);
        assertThat(day.stops()).hasSize(1000);
        assertThat(day.stops().stream().map(Stop::stream).distinct()).containsExactlyInAnyOrder("residual", "paper");
        assertThat(day.facilities()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(day.vehicles()).allSatisfy(truck -> {
            assertThat(truck.endEmpty()).isTrue();
            assertThat(truck.breakRule().duration()).isEqualTo(1800);
            assertThat(truck.shiftEnd() - truck.shiftStart()).isEqualTo(8 * 3600);
        });
        long volume = day.stops().stream().mapToLong(s -> s.demand().volume()).sum();
        double loadsPerTruck = (double) volume / day.vehicles().get(0).capacity().volume() / day.vehicles().size();
        assertThat(loadsPerTruck).isBetween(1.5, 4.0);
        assertThat(day.stops().stream().filter(s -> s.window().end() == 10 * 3600)).isNotEmpty();
    }

    @Test
    void a250BinDayIsPlannedCompletelyAndPassesTheChecker() {
        Problem day = new DayGenerator(1).day(250);
        Solution solution = new SearchPlanner().plan(day, new PlanOptions(Duration.ofSeconds(5), 1, false, null));
        assertThat(new FeasibilityChecker(day).check(solution).violations()).isEmpty();
        assertThat(solution.unplanned()).isEmpty();
    }
}
