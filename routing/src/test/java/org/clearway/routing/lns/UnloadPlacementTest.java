package org.clearway.routing.lns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.clearway.routing.Fixtures;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.junit.jupiter.api.Test;

/** Unloads placed anew for a route's stop order: the shortest placement that keeps every load within capacity. */
class UnloadPlacementTest {

    /** Four stops of 5 l on a line through the facility at (50, 0); a truck of 10 l per load. */
    private static FleetModel line(boolean endEmpty) {
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t", 10, Set.of(), 100_000, null, endEmpty)),
                List.of(Fixtures.stop("s0", 10, 0, "residual", 5, null), Fixtures.stop("s1", 20, 0, "residual", 5, null),
                        Fixtures.stop("s2", 60, 0, "residual", 5, null),
                        Fixtures.stop("s3", 70, 0, "residual", 5, null)), true);
        return FleetModel.of(problem, problem.stops(), new ProblemIndex(problem).metric());
    }

    private static TripRoute route(FleetModel model, int... middle) {
        TripRoute route = new TripRoute(model, 0);
        assertThat(route.apply(1, 0, middle, middle.length)).isTrue();
        return route;
    }

    @Test
    void movesAnUnloadToWhereItCostsLeast() {
        FleetModel model = line(false);
        int tip = model.n;
        // s0, unload, s1, s2, unload, s3: 220; best is s0, s1, unload, s2, s3: 140.
        TripRoute route = route(model, 0, tip, 1, 2, tip, 3);
        assertThat(route.distance).isEqualTo(220);

        assertThat(new UnloadPlacement(model).improve(route)).isTrue();

        assertThat(java.util.Arrays.copyOf(route.nodes, route.length)).containsExactly(model.depotNode[0], 0, 1, tip, 2, 3,
                model.depotNode[0]);
        assertThat(route.distance).isEqualTo(140);
    }

    @Test
    void endsWithAnUnloadWhenTheTruckMustEndEmpty() {
        FleetModel model = line(true);
        int tip = model.n;
        TripRoute route = route(model, 0, tip, 1, 2, tip, 3, tip);

        assertThat(new UnloadPlacement(model).improve(route)).isTrue();

        assertThat(java.util.Arrays.copyOf(route.nodes, route.length)).containsExactly(model.depotNode[0], 0, 1, tip, 2, 3,
                tip, model.depotNode[0]);
    }
}
