package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11: a sensor replaying its buffer after being offline sends 63 messages in one burst (45 valid readings and
 * 18 bad messages of six kinds) among normal sensors, at the DEFAULT flood limits. Every valid reading is stored,
 * every bad message is rejected with its real reason (validation comes before any rate decision), and the bin is
 * flagged with a {@code flooding} alarm.
 */
@Timeout(120)
class FloodBurstIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int NORMAL_BINS = 20;
    private static final int BURST = 63;
    /** Six kinds of bad message, three of each: the payload for a reading number, and the reason it must get. */
    private static final List<String> BAD_KINDS = List.of("not_json", "missing_fill", "out_of_range", "bad_ts",
            "ts_in_future", "unknown_alarm");

    @Test
    void aReplayingSensorHasEveryValidReadingStoredAndEveryBadMessageRejectedWithItsReason() throws Exception {
        Instant base = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (IngestHarness ingest = new IngestHarness("burst", Clock.systemUTC(), Map.of()).start();
             TestSensor normal = new TestSensor(ingest, "sensors-" + ingest.clientId, base);
             TestSensor replaying = new TestSensor(ingest, "replaying-" + ingest.clientId, base)) {
            for (int b = 0; b < NORMAL_BINS; b++) {
                ingest.registerBin("n-" + b, 1000, 0);
            }
            ingest.registerBin("burst", 1000, 0);
            for (int b = 0; b < NORMAL_BINS; b++) {
                normal.publish("n-" + b, 0, 1); // the fleet is active: a normal rate is known
            }

            int valid = 0;
            Map<String, Integer> bad = new TreeMap<>();
            List<byte[]> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                if (i % 7 == 3 || i % 7 == 6) {
                    String kind = BAD_KINDS.get(bad.values().stream().mapToInt(Integer::intValue).sum() % BAD_KINDS.size());
                    bad.merge(kind, 1, Integer::sum);
                    burst.add(badPayload(kind, base, i));
                } else {
                    valid++;
                    burst.add(("{\"ts\":\"" + base.plusSeconds(60L * i) + "\",\"fill\":" + (i % 100) + ",\"seq\":" + i
                            + "}").getBytes(StandardCharsets.UTF_8));
                }
            }
            assertThat(valid).isEqualTo(45);
            assertThat(bad.values()).containsOnly(3);
            for (byte[] payload : burst) {
                replaying.publishRaw("burst", payload);
            }
            for (int b = 0; b < NORMAL_BINS; b++) {
                normal.publish("n-" + b, 1, 2);
            }

            long expectedValid = valid;
            IngestHarness.await("all 45 valid readings stored", WAIT, () ->
                    count(ingest, "SELECT count(*) FROM readings WHERE bin_id = 'burst'") == expectedValid);
            IngestHarness.await("all 18 bad messages rejected", WAIT, () ->
                    count(ingest, "SELECT coalesce(sum(occurrences), 0) FROM rejected_messages WHERE bin_id = 'burst'") == 18);
            assertThat(reasons(ingest)).isEqualTo(bad);
            IngestHarness.await("every normal reading stored", WAIT, () ->
                    count(ingest, "SELECT count(*) FROM readings WHERE bin_id LIKE 'n-%'") == 2L * NORMAL_BINS);

            IngestHarness.await("the bin flagged with a flooding alarm", WAIT, () -> count(ingest,
                    "SELECT count(*) FROM alarms WHERE bin_id = 'burst' AND kind = 'flooding' AND state = 'active' "
                            + "AND source = 'rule' AND occurrences > 0") == 1);
            assertThat(ingest.count("SELECT count(*) FROM alarms WHERE bin_id <> 'burst'")).isZero();
            assertThat(ingest.counter("clearway.ingest.flood.messages")).isPositive();
            assertThat(ingest.registry.find("clearway.ingest.rejected").tag("reason", "rate_limited").counter().count())
                    .isZero();
        }
    }

    private static byte[] badPayload(String kind, Instant base, int i) {
        String ts = base.plusSeconds(60L * i).toString();
        String json = switch (kind) {
            case "not_json" -> "{\"ts\":\"" + ts + "\",\"fill\":" + i;
            case "missing_fill" -> "{\"ts\":\"" + ts + "\",\"seq\":" + i + "}";
            case "out_of_range" -> "{\"ts\":\"" + ts + "\",\"fill\":" + (150 + i) + "}";
            case "bad_ts" -> "{\"ts\":\"yesterday " + i + "\",\"fill\":5}";
            case "ts_in_future" -> "{\"ts\":\"" + Instant.now().plus(1, ChronoUnit.HOURS).plusSeconds(i) + "\",\"fill\":5}";
            case "unknown_alarm" -> "{\"ts\":\"" + ts + "\",\"fill\":5,\"alarms\":[\"dragons-" + i + "\"]}";
            default -> throw new IllegalArgumentException(kind);
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Integer> reasons(IngestHarness ingest) throws Exception {
        Map<String, Integer> byReason = new TreeMap<>();
        try (Connection c = ingest.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT reason, sum(occurrences)::int FROM rejected_messages WHERE bin_id = 'burst' GROUP BY reason");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byReason.put(rs.getString(1), rs.getInt(2));
            }
        }
        return byReason;
    }

    private static long count(IngestHarness ingest, String sql) {
        try {
            return ingest.count(sql);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
