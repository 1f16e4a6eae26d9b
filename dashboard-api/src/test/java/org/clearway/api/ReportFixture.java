package org.clearway.api;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clearway.api.assessment.Period;
import org.clearway.api.security.TokenRegistry;

/**
 * A city of 17 communities for the officer's report on top of {@link ApiHarness}'s: district d1 has c1, c2 and
 * k01..k10 (12), district d2 has c3 and k11..k14 (5). Each new community has two bins that report every 6 hours from
 * the start of the previous quarter until now, overflowing more often the higher its number, and collections in both
 * quarters with response times, verification and streams that differ by community. Officers of d1 and d2 hold viewer
 * tokens of their districts.
 */
final class ReportFixture {
    static final String SECRET = "report-fixture-secret-0123456789abcdef";
    static final List<String> D1 = List.of("c1", "c2", "k01", "k02", "k03", "k04", "k05", "k06", "k07", "k08", "k09", "k10");
    static final List<String> D2 = List.of("c3", "k11", "k12", "k13", "k14");

    private ReportFixture() {
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("CLEARWAY_API_TOKENS", ApiHarness.tokenSpec() + "," + TokenRegistry.sha256("officer-d1") + "=viewer:d1,"
                + TokenRegistry.sha256("officer-d2") + "=viewer:d2");
        env.put("CLEARWAY_API_REPORT_SHARE_SECRET", SECRET);
        return env;
    }

    static Period currentQuarter() {
        return Period.current(Instant.now(), ZoneOffset.UTC);
    }

    static void seed(ApiHarness api) throws SQLException {
        Period now = currentQuarter();
        Period before = now.previousQuarter(ZoneOffset.UTC);
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        api.sql("SELECT clearway_ensure_reading_partitions(?::date, ?::date)", before.from().minus(Duration.ofDays(1))
                .atOffset(ZoneOffset.UTC).toLocalDate().toString(), end.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        List<String> communities = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            String id = String.format("k%02d", i);
            communities.add(id);
            String street = i <= 10 ? "s1" : "s2";
            api.sql("INSERT INTO zones (id, parent_id, level, name) VALUES (?, ?, 'community', ?)", id, street,
                    NAMES[i - 1]);
            double lat = 31.0 + (i % 4) * 0.05;
            double lon = 121.2 + (i / 4) * 0.06;
            for (int b = 0; b < 2; b++) {
                String bin = id + "-b" + b;
                api.sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon, created_at)"
                        + " VALUES (?, ?, ?, 240, 1000, ?, ?, ?)", bin, id, b == 0 ? "residual" : "recyclable",
                        lat + b * 0.01, lon + b * 0.01, before.from());
                // every 6 hours; one reading in (16 - i) full in this quarter, one in (4 + i % 5) in the last
                api.sql("INSERT INTO readings (bin_id, measured_at, received_at, fill_pct)"
                        + " SELECT ?, t, t, CASE WHEN (extract(epoch FROM t)::bigint / 21600) % (CASE WHEN t >= ?"
                        + " THEN ? ELSE ? END) = 0 THEN 100 ELSE 35 END"
                        + " FROM generate_series(?::timestamptz, ?::timestamptz, interval '6 hours') t",
                        bin, now.from(), 16 - i, 4 + i % 5, before.from(), end);
            }
            for (int k = 0; k < 4; k++) {
                collect(api, id + "-b" + (k % 2), id, k % 2 == 0 ? "residual" : "recyclable",
                        before.from().plus(Duration.ofDays(10L + 15 * k)), 2 + i + k, k < 2 || i % 3 == 0,
                        600 + 40 * i, 90);
                Instant in = now.from().plus(Duration.ofHours(20L + 30 * k));
                if (in.isBefore(end)) {
                    collect(api, id + "-b" + (k % 2), id, k % 3 == 0 ? "residual" : "recyclable", in, 1 + (i % 6) + k,
                            k != 1 || i % 2 == 0, 500 + 30 * (15 - i), 80);
                }
            }
        }
    }

    private static void collect(ApiHarness api, String bin, String zone, String stream, Instant created, int hours,
                                boolean verified, double volumeL, double weightKg) throws SQLException {
        Instant collected = created.plus(Duration.ofHours(hours));
        api.sql("WITH j AS (INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at, updated_at)"
                + " VALUES (?, 'threshold', 'normal', ?, ?, ?, ?) RETURNING id)"
                + " INSERT INTO collections (job_id, bin_id, stream, zone_id, weight_kg, volume_l, collected_at)"
                + " SELECT id, ?, ?, ?, ?, ?, ? FROM j",
                bin, verified ? "verified" : "failed", collected, created, collected, bin, stream, zone, weightKg,
                volumeL, collected);
    }

    private static final String[] NAMES = {"Riverside", "Old Market", "Station Quarter", "Northgate",
        "Hillcrest Gardens", "Harbour View", "St. Anne's", "Millbrook", "Eastfield Estate", "Cathedral Close",
        "Southbank", "Westwood Park", "Lindenhof", "Queensway"};
}
