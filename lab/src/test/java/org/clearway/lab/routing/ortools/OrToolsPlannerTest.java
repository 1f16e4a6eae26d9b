package org.clearway.lab.routing.ortools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.bench.CvrplibReader;
import org.clearway.routing.bench.SolomonReader;
import org.clearway.routing.bench.VrpDataLocator;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Solution;
import org.junit.jupiter.api.Test;

class OrToolsPlannerTest {

    /** The checkout's own benchmark instances (never an override from the environment). */
    private static Path vrpData() {
        return VrpDataLocator.inCheckout(Path.of("")).orElseThrow(() -> new AssertionError(
                VrpDataLocator.RELATIVE_PATH + " not found in the checkout above " + Path.of("").toAbsolutePath()));
    }

    private static CheckReport check(Problem problem, Solution solution) {
        return new FeasibilityChecker(problem).check(solution);
    }

    /** OR-Tools is no longer the default planner (SearchPlanner is); it must still plan when asked, for comparison. */
    @Test
    void orToolsAlonePlansPlainInstancesFeasibly() throws IOException {
        OrToolsPlanner orTools = new OrToolsPlanner();
        Problem cvrp = new CvrplibReader().read(vrpData().resolve("cvrplib/A-n32-k5.vrp"));
        Solution cvrpSolution = orTools.plan(cvrp, PlanOptions.ofSeconds(2));
        assertThat(check(cvrp, cvrpSolution).violations()).isEmpty();
        assertThat(cvrpSolution.stats().status()).doesNotStartWith("RUIN_AND_RECREATE");
        Problem solomon = new SolomonReader().read(vrpData().resolve("solomon/C101.txt"));
        Solution solomonSolution = orTools.plan(solomon, PlanOptions.ofSeconds(2).withMinimiseVehicles(true));
        assertThat(check(solomon, solomonSolution).violations()).isEmpty();
        assertThat(solomonSolution.unplanned()).isEmpty();
    }
}
