package org.clearway.routing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.clearway.routing.Fixtures;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Vehicle;
import org.junit.jupiter.api.Test;

class KimReaderTest {

    private static Path kim(String number) {
        return Fixtures.vrpData().resolve("kim2006/" + number + "_stop.txt");
    }

    @Test
    void readsInstance444WithItsRules() throws IOException {
        Problem problem = new KimReader().read(kim("444"), 13);

        assertThat(problem.name()).isEqualTo("kim444");
        assertThat(problem.stops()).hasSize(442);
        assertThat(problem.facilities()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("landfill-1");
            assertThat(f.unloadTime()).isEqualTo(1200);
        });
        assertThat(problem.distanceModel().kind()).isEqualTo(DistanceKind.MANHATTAN);
        assertThat(problem.distanceModel().speed()).isCloseTo(40 * 5280 / 3600.0, within(1e-9));
        assertThat(problem.depots().get(0).location().x()).isEqualTo(632414.13);
        assertThat(problem.vehicles()).hasSize(13).allSatisfy(v -> {
            assertThat(v.capacity()).isEqualTo(new Load(200 * 100, 0));
            assertThat(v.shiftCap()).isEqualTo(new Load(400 * 100, Vehicle.NO_CAP));
            assertThat(v.maxStops()).isEqualTo(500);
            assertThat(v.endEmpty()).isTrue();
            assertThat(v.shiftStart()).isEqualTo(8 * 3600);
            assertThat(v.shiftEnd()).isEqualTo(17 * 3600);
            assertThat(v.breakRule().earliestStart()).isEqualTo(11 * 3600);
            assertThat(v.breakRule().latestStart()).isEqualTo(12 * 3600);
            assertThat(v.breakRule().duration()).isEqualTo(3600);
        });
        assertThat(problem.stops().get(0).id()).isEqualTo("2");
        assertThat(problem.stops().get(0).demand().volume()).isEqualTo(700); // 7 yd3
        assertThat(problem.stops().get(1).demand().volume()).isEqualTo(730); // 7.3 yd3
        assertThat(problem.stops().get(0).serviceTime()).isEqualTo(30);
    }

    /** Customers and landfills per instance, as benchmarks/vrp-data/README.md lists them, from both file layouts. */
    @Test
    void readsEveryInstance() throws IOException {
        Map<String, int[]> sizes = Map.of("444", new int[] {442, 1}, "804", new int[] {784, 19},
                "1051", new int[] {1048, 2}, "1351", new int[] {1347, 3}, "1599", new int[] {1596, 2},
                "1932", new int[] {1927, 4}, "2100", new int[] {2092, 7});
        for (Map.Entry<String, int[]> entry : sizes.entrySet()) {
            Problem problem = new KimReader().read(kim(entry.getKey()), 1);
            assertThat(problem.stops()).as(entry.getKey()).hasSize(entry.getValue()[0]);
            assertThat(problem.facilities()).as(entry.getKey()).hasSize(entry.getValue()[1]);
        }
    }

    @Test
    void readsTimesAsHoursAndMinutes() {
        assertThat(KimReader.clock("0400")).isEqualTo(4 * 3600);
        assertThat(KimReader.clock("800")).isEqualTo(8 * 3600);
        assertThat(KimReader.clock("2400")).isEqualTo(24 * 3600);
        assertThat(KimReader.clock("1675")).isEqualTo(16 * 3600 + 75 * 60);
    }

    @Test
    void catalogueHasTheSevenInstancesWithThePublishedResults() throws IOException {
        List<BenchmarkInstance> instances = new BenchmarkCatalog(Fixtures.vrpData()).load(BenchmarkSet.KIM);
        assertThat(instances).extracting(BenchmarkInstance::name)
                .containsExactly("kim444", "kim804", "kim1051", "kim1351", "kim1599", "kim1932", "kim2100");
        assertThat(instances.get(0).bestKnown()).satisfies(b -> {
            assertThat(b.vehicles()).isEqualTo(11);
            assertThat(b.cost()).isEqualTo(78.3);
        });
        assertThat(instances.get(0).problem().vehicles()).hasSize(11 + BenchmarkCatalog.KIM_SPARE_TRUCKS);
        assertThat(BenchmarkSet.KIM.unitsPerReported()).isEqualTo(5280);
        assertThat(BenchmarkSet.KIM.defaultSeconds()).isEqualTo(60);
    }

    /**
     * The first 40 customers of 444 with its rules (landfill, lunch, end empty, caps): the whole-model search gives a
     * plan the checker accepts.
     */
    @Test
    void aSliceOfInstance444IsPlannedWithEveryRule() throws IOException {
        Problem full = new KimReader().read(kim("444"), 2);
        Problem slice = new Problem(full.name(), full.distanceModel(), full.depots(), full.facilities(), full.vehicles(),
                full.stops().subList(0, 40));

        Solution solution = new SearchPlanner().plan(slice, PlanOptions.ofSeconds(3));
        CheckReport report = new FeasibilityChecker(slice).check(solution);

        assertThat(solution.stats().status()).startsWith("RUIN_AND_RECREATE_TRIPS");
        assertThat(report.violations()).isEmpty();
        assertThat(report.feasible()).as("unplanned: " + solution.unplanned()).isTrue();
        assertThat(solution.routes()).allSatisfy(r -> assertThat(r.visits().get(r.visits().size() - 2).kind())
                .isEqualTo(org.clearway.routing.model.VisitKind.UNLOAD));
    }
}
