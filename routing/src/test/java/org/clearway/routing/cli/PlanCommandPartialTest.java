package org.clearway.routing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * A problem that cannot be fully served: {@code plan} must say PARTIAL, never FEASIBLE, give each unplanned stop the
 * rule no truck could meet, and exit with its own code (3), distinct from infeasible (1) and bad input (2).
 */
class PlanCommandPartialTest {

    /**
     * One residual truck (10 l per load, shift cap 8 l, shift 0..1000 s, speed 1) and no facility. Served: "ok".
     * Left out: "paper" (stream), "big" (one load), "over-cap" (shift cap), "tight" (its window closes before the
     * truck can get there), "far" (the round trip outlasts the shift).
     */
    private static final String PROBLEM = """
            {"name": "cannot-serve-all",
             "distance": {"kind": "EUCLIDEAN", "speed": 1},
             "depots": [{"id": "depot", "location": {"x": 0, "y": 0}}],
             "vehicles": [{"id": "truck-1", "depot": "depot", "capacity": {"volume": 10, "weight": 100},
                           "streams": ["residual"], "shift": {"start": 0, "end": 1000},
                           "shiftCap": {"volume": 8}}],
             "stops": [
               {"id": "ok", "location": {"x": 10, "y": 0}, "stream": "residual", "demand": {"volume": 5, "weight": 5}},
               {"id": "paper", "location": {"x": 0, "y": 10}, "stream": "paper", "demand": {"volume": 1, "weight": 1}},
               {"id": "big", "location": {"x": 0, "y": 20}, "stream": "residual", "demand": {"volume": 20, "weight": 5}},
               {"id": "over-cap", "location": {"x": 5, "y": 5}, "stream": "residual", "demand": {"volume": 9, "weight": 1}},
               {"id": "tight", "location": {"x": -100, "y": 0}, "stream": "residual", "demand": {"volume": 1, "weight": 1},
                "window": {"start": 0, "end": 50}},
               {"id": "far", "location": {"x": 0, "y": -600}, "stream": "residual", "demand": {"volume": 1, "weight": 1}}
             ]}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new PlanCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aPlanThatLeavesStopsOutIsPartialWithEachReasonAndItsOwnExitCode(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("problem.json"), PROBLEM);

        int code = run("--time-limit", "1", file.toString());

        assertThat(code).as(out + "\n" + err).isEqualTo(3); // 0 feasible, 1 infeasible, 2 bad input
        String text = out.toString();
        assertThat(text).contains("Checker: PARTIAL (5 stops unplanned)").doesNotContain("FEASIBLE (");
        assertThat(text).containsPattern("(?m)^  paper +stream ")
                .containsPattern("(?m)^  big +capacity ")
                .containsPattern("(?m)^  over-cap +cap ")
                .containsPattern("(?m)^  tight +window ")
                .containsPattern("(?m)^  far +time ");
    }

    @Test
    void theJsonOutputSaysPartialAndGivesTheReasons(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("problem.json"), PROBLEM);

        int code = run("--time-limit", "1", "--json", file.toString());

        assertThat(code).as(err.toString()).isEqualTo(3);
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("check").get("feasible").asBoolean()).isFalse();
        assertThat(result.get("check").get("status").asText()).isEqualTo("PARTIAL");
        assertThat(result.get("unplanned")).hasSize(5);
        Map<String, String> reasons = new HashMap<>();
        result.get("unplannedReasons").forEach(r -> reasons.put(r.get("stop").asText(), r.get("reason").asText()));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of("paper", "stream", "big", "capacity",
                "over-cap", "cap", "tight", "window", "far", "time"));
    }

    @Test
    void theStopLimitIsAReasonToo(@TempDir Path dir) throws Exception {
        String limited = """
                {"distance": {"kind": "EUCLIDEAN", "speed": 1},
                 "depots": [{"id": "depot", "location": {"x": 0, "y": 0}}],
                 "vehicles": [{"id": "truck-1", "depot": "depot", "capacity": {"volume": 100, "weight": 100},
                               "shift": {"start": 0, "end": 10000}, "maxStops": 2}],
                 "stops": [
                   {"id": "a", "location": {"x": 10, "y": 0}, "stream": "residual", "demand": {"volume": 1}},
                   {"id": "b", "location": {"x": 10, "y": 1}, "stream": "residual", "demand": {"volume": 1}},
                   {"id": "c", "location": {"x": 10, "y": 2}, "stream": "residual", "demand": {"volume": 1}}
                 ]}
                """;
        Path file = Files.writeString(dir.resolve("limited.json"), limited);

        int code = run("--time-limit", "1", "--json", file.toString());

        assertThat(code).as(err.toString()).isEqualTo(3);
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("unplannedReasons")).hasSize(1);
        assertThat(result.get("unplannedReasons").get(0).get("reason").asText()).isEqualTo("cap");
        assertThat(result.get("unplannedReasons").get(0).get("detail").asText()).contains("stop limit");
    }
}
