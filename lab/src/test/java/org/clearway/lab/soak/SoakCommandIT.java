package org.clearway.lab.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.Test;

/** A short soak against the test database and broker: it runs, reports each interval, and its books balance. */
class SoakCommandIT {
    private static final Pattern BOOKS = Pattern.compile(
            "books: published ([\\d,]+) \\(errors 0\\); stored ([\\d,]+) \\+ duplicates ([\\d,]+) of ([\\d,]+) valid readings;"
                    + " rejected ([\\d,]+) of ([\\d,]+) bad; balanced");

    @Test
    void runsReportsAndBalancesItsBooks() throws Exception {
        try (TestSchema schema = TestSchema.create("soak")) {
            Map<String, String> env = new HashMap<>();
            env.put("CLEARWAY_DB_URL", schema.jdbcUrl());
            env.put("CLEARWAY_DB_USER", schema.endpoint().user());
            env.put("CLEARWAY_DB_PASSWORD", schema.endpoint().password() == null ? "" : schema.endpoint().password());
            env.put("CLEARWAY_MQTT_URL", TestInfrastructure.broker().serverUri());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int exit;
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                exit = SoakCommand.run(out, env, "--duration", "20s", "--rate", "150", "--bins", "600",
                        "--report-every", "5s", "--bad-share", "0.05");
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            assertThat(exit).as(text).isIn(0, 1);  // 1 only for a verdict of growth, which 20 s cannot judge
            assertThat(lines.stream().filter(l -> l.startsWith("["))).as(text).hasSize(4);
            assertThat(lines.stream().filter(l -> l.startsWith("[")))
                    .allSatisfy(l -> assertThat(l).contains("lag ts->commit p50/p95/p99", "live (full GC", "RSS", "jobs +"));
            assertThat(text).contains("Soak for 20s at 150 readings/s: 600 bins reporting every 4 s")
                    .contains("  live heap: start ").contains("  RSS: start ").contains("  lag p99 (ts->commit)")
                    .contains("Verdict: ");

            Matcher m = BOOKS.matcher(text);
            assertThat(m.find()).as(text).isTrue();
            long stored = number(m.group(2));
            long valid = number(m.group(4));
            long rejected = number(m.group(5));
            assertThat(valid).as("about 20 s at 150 readings/s").isBetween(2_000L, 4_000L);
            assertThat(rejected).isPositive();
            assertThat(stored + number(m.group(3))).isEqualTo(valid);
            // The database agrees with ingest's counters.
            assertThat(count(schema, "SELECT count(*) FROM readings WHERE bin_id LIKE 'soak-%'")).isEqualTo(stored);
        }
    }

    private static long number(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    private static long count(TestSchema schema, String sql) throws Exception {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
