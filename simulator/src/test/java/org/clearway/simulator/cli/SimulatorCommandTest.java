package org.clearway.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StringWriter helpOut = new StringWriter();
    private final StringWriter helpErr = new StringWriter();

    private int run(String... args) {
        SimulatorCommand command = new SimulatorCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandLine cl = SimulatorCommand.commandLine(command);
        cl.setOut(new PrintWriter(helpOut, true));
        cl.setErr(new PrintWriter(helpErr, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(helpOut.toString()).contains("--mqtt-url", "--topic-prefix", "--bins", "--seed", "--speed",
                "--start",
                "--rate", "--count", "--duration", "--qos", "--bad-share", "--duplicate-share", "--distance-share",
                "--register", "--db-url", "--db-user", "--db-password", "--client-id");
    }

    @Test
    void printsPublicationsWithoutABroker() {
        assertThat(run("--print", "--count", "30", "--speed", "max", "--bins", "10", "--bad-share", "0.5",
                "--seed", "3")).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(30).allSatisfy(l -> assertThat(l.split("\t")).hasSize(4));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("valid\t-\tbins/sim-000"));
        assertThat(lines).anySatisfy(l -> assertThat(l.split("\t")[1]).isNotEqualTo("-"));
    }

    @Test
    void theSameSeedPrintsTheSame() {
        String start = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(
                java.time.Duration.ofDays(1)).toString();
        run("--print", "--count", "50", "--speed", "max", "--bins", "10", "--bad-share", "0.3", "--seed", "8",
                "--start", start);
        String first = out.toString(StandardCharsets.UTF_8);
        out.reset();
        run("--print", "--count", "50", "--speed", "max", "--bins", "10", "--bad-share", "0.3", "--seed", "8",
                "--start", start);
        // Bad timestamps follow the real now; everything else is the same.
        assertThat(withoutTimes(out.toString(StandardCharsets.UTF_8))).isEqualTo(withoutTimes(first));
    }

    private static String withoutTimes(String s) {
        return s.replaceAll("\"ts\":\"[^\"]*\"", "\"ts\":T").replaceAll("\"ts\":\\d+", "\"ts\":N");
    }

    @Test
    void refusesBadSettingsWithAnExplanation() {
        assertThat(run("--speed", "0.5", "--print", "--count", "1")).isEqualTo(1);
        assertThat(helpErr.toString()).contains("speed must be 1 or more");
        assertThat(run("--bad-kinds", "nonsense")).isEqualTo(2);
        assertThat(helpErr.toString()).contains("unknown bad kind 'nonsense'");
        assertThat(run("--count", "5", "--duration", "1m")).isEqualTo(2);
        assertThat(run("--start", "yesterday")).isEqualTo(2);
        assertThat(helpErr.toString()).contains("is not a start");
    }

    @Test
    void warnsWhenTheRateCannotBeSustained() {
        assertThat(RateAdvice.warning(100, java.time.Duration.ofMinutes(15), Double.POSITIVE_INFINITY,
                java.time.Instant.parse("2026-11-22T09:00:00Z"), java.time.Instant.parse("2026-11-28T09:00:00Z"),
                1_000, null, java.time.Duration.ofMinutes(10))).hasValueSatisfying(w -> assertThat(w)
                .contains("after about 57,600 messages"));
        assertThat(RateAdvice.warning(100, java.time.Duration.ofMinutes(15), 60,
                java.time.Instant.parse("2026-11-22T09:00:00Z"), java.time.Instant.parse("2026-11-28T09:00:00Z"),
                1_000, null, null)).hasValueSatisfying(w -> assertThat(w).contains("raise --speed"));
        assertThat(RateAdvice.warning(10_000, java.time.Duration.ofMinutes(1), Double.POSITIVE_INFINITY,
                java.time.Instant.parse("2026-11-22T09:00:00Z"), java.time.Instant.parse("2026-11-28T09:00:00Z"),
                100, null, null)).isEmpty();
    }

    @Test
    void readsDurationsAsPeopleWriteThem() {
        assertThat(Durations.parse("250ms")).hasMillis(250);
        assertThat(Durations.parse("15m")).hasMinutes(15);
        assertThat(Durations.parse("1.5h")).hasMinutes(90);
        assertThat(Durations.parse("6d")).hasDays(6);
        assertThat(Durations.parse("PT30S")).hasSeconds(30);
        assertThat(Durations.format(java.time.Duration.ofDays(6))).isEqualTo("6d");
        assertThat(Durations.format(java.time.Duration.ofMinutes(90))).isEqualTo("90m");
    }
}
