package org.clearway.routing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class PlanCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new PlanCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static Path example(Path dir) throws Exception {
        Path file = dir.resolve("problem.json");
        try (InputStream in = PlanCommandTest.class.getResourceAsStream("/routing/example-problem.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void plansTheExampleAsJson(@TempDir Path dir) throws Exception {
        int code = run("--time-limit", "1", "--json", example(dir).toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("check").get("feasible").asBoolean()).isTrue();
        assertThat(result.get("unplanned")).isEmpty();
        assertThat(result.get("routes").size()).isBetween(1, 2);
        assertThat(err.toString()).contains("planning north-district-tuesday").contains("done:");
    }

    @Test
    void printsRoutesAsText(@TempDir Path dir) throws Exception {
        int code = run("--time-limit", "1", example(dir).toString());
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Truck truck-1").contains("UNLOAD").contains("Checker: FEASIBLE");
    }

    @Test
    void helpAndBadInput(@TempDir Path dir) throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--time-limit").contains("--seed").contains("--json");
        assertThat(run(dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"depots\": []}");
        assertThat(run(broken.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("$.distance is missing");
    }
}
