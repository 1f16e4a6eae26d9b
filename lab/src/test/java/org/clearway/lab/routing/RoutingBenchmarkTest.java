package org.clearway.lab.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The routing benchmark fails an instance whose plan leaves a stop out: it is not counted as passed, shows no gap
 * and enters no mean; the run exits 1. A CVRP instance whose customer 4 needs more than a truck holds cannot be fully
 * served, so its plan is partial.
 */
class RoutingBenchmarkTest {

    private static final String VRP = """
            NAME : T-n4-k1
            TYPE : CVRP
            DIMENSION : 4
            EDGE_WEIGHT_TYPE : EUC_2D
            CAPACITY : 100
            NODE_COORD_SECTION
            1 0 0
            2 10 0
            3 10 10
            4 0 10
            DEMAND_SECTION
            1 0
            2 50
            3 40
            4 150
            DEPOT_SECTION
            1
            -1
            EOF
            """;
    /** The customers that can be served, in one route of length 10 + 10 + 14 = 34 (rounded edges). */
    private static final String SOL = """
            Route #1: 1 2
            Cost 34
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new RoutingBenchmark());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aPartialPlanFailsItsInstance(@TempDir Path data) throws Exception {
        Path cvrp = Files.createDirectories(data.resolve("cvrplib"));
        Files.writeString(cvrp.resolve("T-n4-k1.vrp"), VRP);
        Files.writeString(cvrp.resolve("T-n4-k1.sol"), SOL);

        int code = run("--data-dir", data.toString(), "--set", "cvrp", "--time-limit", "1");

        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        String row = out.toString().lines().filter(l -> l.startsWith("T-n4-k1")).findFirst().orElseThrow();
        assertThat(row).contains("FAILED: PARTIAL (1 stop unplanned), solver").doesNotContain("FEASIBLE");
        assertThat(row.split("\\s+")[6]).as("no gap for a failed instance: " + row).isEqualTo("-");
        assertThat(out.toString()).contains("cvrp          0/1 passed (feasible, every stop served), 1 failed (1 partial, "
                + "0 infeasible); over the passed: no mean gap");
    }

    @Test
    void helpListsTheKimSetAndTheExitCodes() {
        assertThat(run("--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("cvrp, solomon, christofides, kim or all").contains("60 for the kim set")
                .contains("1 an instance failed (partial or infeasible)");
    }
}
