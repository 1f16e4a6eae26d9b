package org.clearway.routing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.clearway.routing.Fixtures;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.SolveStats;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BenchmarkReadersTest {

    static Stream<Path> cvrpInstances() throws IOException {
        return Files.list(Fixtures.vrpData().resolve("cvrplib")).filter(p -> p.toString().endsWith(".vrp")).sorted();
    }

    /** Proves the distance convention: the .sol routes, costed by our model, give exactly the stated cost. */
    @ParameterizedTest
    @MethodSource("cvrpInstances")
    void cvrplibSolutionCostEqualsOurCostOfItsRoutes(Path vrp) throws IOException {
        CvrplibReader reader = new CvrplibReader();
        Problem problem = reader.read(vrp);
        CvrplibReader.SolutionFile sol = reader.readSolution(vrp.resolveSibling(vrp.getFileName().toString().replace(".vrp", ".sol")));
        ProblemIndex index = new ProblemIndex(problem);
        RouteBuilder builder = new RouteBuilder(index);
        List<Route> routes = new ArrayList<>();
        for (int r = 0; r < sol.routes().size(); r++) {
            List<Visit> sequence = new ArrayList<>();
            sequence.add(Visit.ref(VisitKind.START, "depot"));
            sol.routes().get(r).forEach(id -> sequence.add(Visit.ref(VisitKind.STOP, id)));
            sequence.add(Visit.ref(VisitKind.END, "depot"));
            double[] starts = new double[sequence.size()];
            for (int i = 1; i < starts.length; i++) {
                starts[i] = starts[i - 1] + builder.travelTime(sequence.get(i - 1), sequence.get(i));
            }
            routes.add(builder.build(problem.vehicles().get(r), sequence, starts, null));
        }
        Solution solution = Solution.of(index, routes, List.of(), SolveStats.NONE);
        assertThat(solution.distance()).isEqualTo(sol.cost());
        CheckReport report = new FeasibilityChecker(problem).check(solution);
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void readsSolomon() throws IOException {
        Problem problem = new SolomonReader().read(Fixtures.vrpData().resolve("solomon/R101.txt"));
        assertThat(problem.name()).isEqualTo("R101");
        assertThat(problem.stops()).hasSize(100);
        assertThat(problem.vehicles()).hasSize(25);
        assertThat(problem.vehicles().get(0).capacity().volume()).isEqualTo(200);
        assertThat(problem.vehicles().get(0).shiftEnd()).isEqualTo(230);
        assertThat(problem.stops().get(0).window().start()).isEqualTo(161);
        assertThat(problem.stops().get(0).serviceTime()).isEqualTo(10);
    }

    @Test
    void readsChristofides() throws IOException {
        Problem problem = new ChristofidesReader().read(Fixtures.vrpData().resolve("christofides/vrpnc1.txt"));
        assertThat(problem.stops()).hasSize(50);
        assertThat(problem.vehicles().get(0).capacity().volume()).isEqualTo(160);
        assertThat(problem.stops().get(0).demand().volume()).isEqualTo(7);
        assertThat(problem.depots().get(0).location().x()).isEqualTo(30);
    }

    @Test
    void catalogueHasEveryShippedInstanceWithItsBestKnownValue() throws IOException {
        BenchmarkCatalog catalog = new BenchmarkCatalog(Fixtures.vrpData());
        assertThat(catalog.load(BenchmarkSet.CVRP)).hasSize(15); // the 15 of benchmarks/vrp-data/README.md
        assertThat(catalog.load(BenchmarkSet.SOLOMON)).hasSize(7)
                .anySatisfy(i -> assertThat(i.bestKnown().vehicles()).isEqualTo(19));
        List<BenchmarkInstance> cmt = catalog.load(BenchmarkSet.CHRISTOFIDES);
        assertThat(cmt).extracting(BenchmarkInstance::name).containsExactly("vrpnc1", "vrpnc12");
        assertThat(cmt.get(0).bestKnown().cost()).isCloseTo(524.61, within(1e-9));
    }
}
