package org.clearway.lab.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.clearway.core.db.Migrations;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read benchmark's bulk load (real PostgreSQL): a city loaded by COPY with the roll-up triggers off and its
 * roll-ups computed set-based per slice of bins has the same {@code bin_days}, {@code community_days} (summed over stripes) and
 * {@code pickup_days} and {@code volume_days} as a rebuild from the raw rows, a {@code bin_state} per bin equal to its latest reading, and
 * the triggers enabled again afterwards (a reading written after the load reaches the roll-ups).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CityHistoryIT {
    private static final String BIN_DAYS = "SELECT bin_id, day, readings, observed, overflow_us, first_at, last_at,"
            + " fill_min, fill_max, fill_sum FROM bin_days";
    private static final String COMMUNITY_DAYS = "SELECT zone_id, day, sum(readings) AS readings, sum(observed) AS observed,"
            + " sum(overflow_us) AS overflow_us FROM community_days GROUP BY zone_id, day";
    private static final String PICKUP_DAYS = "SELECT zone_id, day, bucket, collected, verified, min_s, max_s FROM pickup_days";
    private static final String VOLUME_DAYS = "SELECT zone_id, day, stream, collections, volume_l, weight_kg FROM volume_days";

    @Test
    void theBulkLoadsRollUpsEqualARebuild() throws Exception {
        try (TestSchema schema = TestSchema.create("city_history")) {
            Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            CityHistory city = new CityHistory(450, 6, Instant.parse("2026-07-01T00:00:00Z"), 4, 16, 200,
                    new PrintStream(progress, true, StandardCharsets.UTF_8));
            city.build(schema.dataSource());
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("bins 400 to 450");
            try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT count(*) FROM readings")).isEqualTo(city.readings).isGreaterThan(35_000);
                assertThat(count(s, "SELECT count(*) FROM collections")).isEqualTo(city.jobs).isPositive();
                assertThat(count(s, "SELECT count(*) FROM bin_days")).isPositive();
                assertThat(count(s, "SELECT count(*) FROM pickup_days")).isPositive();
                assertThat(count(s, "SELECT sum(collections) FROM volume_days")).isEqualTo(city.jobs);
                assertThat(count(s, "SELECT count(*) FROM bin_state")).isEqualTo(450);
                assertThat(count(s, """
                        SELECT count(*) FROM bin_state st
                         WHERE st.measured_at <> (SELECT max(r.measured_at) FROM readings r WHERE r.bin_id = st.bin_id)
                            OR st.fill_pct <> (SELECT r.fill_pct FROM readings r WHERE r.bin_id = st.bin_id
                                                ORDER BY r.measured_at DESC LIMIT 1)
                        """)).isZero();
                s.execute("CREATE TEMP TABLE loaded_bin_days AS " + BIN_DAYS);
                s.execute("CREATE TEMP TABLE loaded_community_days AS " + COMMUNITY_DAYS);
                s.execute("CREATE TEMP TABLE loaded_pickup_days AS " + PICKUP_DAYS);
                // a collection taken out and written again in one statement: both triggers must be on again
                s.execute("WITH d AS (DELETE FROM collections WHERE id = (SELECT min(id) FROM collections) RETURNING *)"
                        + " INSERT INTO collections (job_id, bin_id, stream, zone_id, weight_kg, volume_l, collected_at)"
                        + " SELECT job_id, bin_id, stream, zone_id, weight_kg, volume_l, collected_at FROM d");
                s.execute("CREATE TEMP TABLE loaded_volume_days AS " + VOLUME_DAYS);
                s.execute("SELECT clearway_rollup_rebuild()");
                s.execute("SELECT clearway_pickup_rebuild()");
                s.execute("SELECT clearway_volume_rebuild()");
                assertThat(difference(s, "loaded_bin_days", BIN_DAYS)).isZero();
                assertThat(difference(s, "loaded_community_days", COMMUNITY_DAYS)).isZero();
                assertThat(difference(s, "loaded_pickup_days", PICKUP_DAYS)).isZero();
                assertThat(difference(s, "loaded_volume_days", VOLUME_DAYS)).isZero();

                long before = count(s, "SELECT readings FROM bin_days WHERE bin_id = 'bin-000007' AND day = '2026-07-03'");
                s.execute("INSERT INTO readings (bin_id, measured_at, received_at, fill_pct)"
                        + " VALUES ('bin-000007', '2026-07-03T12:34:56.123456Z', '2026-07-03T12:34:56.123456Z', 42)");
                assertThat(count(s, "SELECT readings FROM bin_days WHERE bin_id = 'bin-000007' AND day = '2026-07-03'"))
                        .isEqualTo(before + 1);
            }
        }
    }

    private static long difference(Statement s, String loaded, String now) throws Exception {
        return count(s, "SELECT count(*) FROM ((TABLE " + loaded + " EXCEPT " + now + ") UNION ALL (" + now
                + " EXCEPT TABLE " + loaded + ")) d");
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
