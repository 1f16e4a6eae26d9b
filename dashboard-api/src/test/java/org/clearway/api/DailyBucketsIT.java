package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Daily buckets of a bin's readings ({@code bucket=1d}), answered from the roll-up {@code bin_days} for whole UTC days
 * and from the readings for the partial days at the ends, against the readings query for every bucket: eleven days of
 * readings of one bin every 7 to 50 minutes at times with microseconds, with fills that are not round numbers, written in
 * shuffled batches (the roll-up adds each batch's sums in arrival order). Every range (whole days, ends inside days,
 * inside one day) gives the same buckets with the same count, least and greatest fill, and a mean within rounding; the
 * roll-up is what answers whole days while it is kept, and the readings answer when it is not kept, when a reading of
 * the bin waits in {@code rollup_pending}, and for days whose partitions retention dropped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DailyBucketsIT {
    static final String BIN = "b3";
    /** The first whole day of the readings (UTC midnight), twelve days ago. */
    static final Instant DAY0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(12));
    static final Instant END = DAY0.plus(Duration.ofDays(11));
    /** The API's readings query for buckets (ReadingQueries.BUCKETED), the reference. */
    static final String RAW = """
            SELECT date_bin(interval '1 day', measured_at, timestamptz '2000-01-01 00:00:00+00') AS bucket,
                   min(fill_pct), max(fill_pct), avg(fill_pct), count(*)
              FROM readings WHERE bin_id = ? AND measured_at >= ? AND measured_at < ?
             GROUP BY 1 ORDER BY 1
            """;
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_daily_buckets", Clock.systemUTC(), Map.of());
        Random random = new Random(30);
        List<Object[]> all = new ArrayList<>();
        Instant t = DAY0.minus(Duration.ofHours(3));
        while (t.isBefore(END)) {
            all.add(new Object[] {t, random.nextDouble() * 100});
            t = t.plusSeconds(420 + random.nextInt(2580)).plusNanos(random.nextInt(1_000_000) * 1000L);
        }
        Collections.shuffle(all, random);
        for (int i = 0; i < all.size(); ) {
            int n = 1 + random.nextInt(60);
            insert(all.subList(i, Math.min(all.size(), i + n)), false);
            i += n;
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static void insert(List<Object[]> readings, boolean deferred) throws SQLException {
        try (Connection c = api.db().getConnection()) {
            c.setAutoCommit(false);
            if (deferred) {
                try (var s = c.createStatement()) {
                    s.execute("SET LOCAL clearway.rollup_defer = 'on'");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO readings (bin_id, measured_at, received_at, fill_pct) SELECT ?, m, m, f"
                            + " FROM unnest(?::timestamptz[], ?::float8[]) AS u(m, f)")) {
                ps.setString(1, BIN);
                ps.setArray(2, c.createArrayOf("timestamptz", readings.stream()
                        .map(r -> OffsetDateTime.ofInstant((Instant) r[0], ZoneOffset.UTC)).toArray()));
                ps.setArray(3, c.createArrayOf("float8", readings.stream().map(r -> r[1]).toArray()));
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    static List<Object[]> raw(Instant from, Instant to) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(RAW)) {
            ps.setString(1, BIN);
            ps.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getObject(1, OffsetDateTime.class).toInstant().toString(), rs.getDouble(2),
                        rs.getDouble(3), rs.getDouble(4), rs.getLong(5)});
                }
            }
        }
        return rows;
    }

    static JsonArray api(Instant from, Instant to) {
        ApiHarness.Response response = api.get("viewer-city", "/bins/" + BIN + "/readings?bucket=1d&from=" + from + "&to=" + to);
        assertThat(response.status()).isEqualTo(200);
        return response.json().getJsonArray("items");
    }

    /** The API's buckets equal the readings query's: the same days, counts, least and greatest fills; means within rounding. */
    static void assertSameAsReadings(Instant from, Instant to) throws SQLException {
        List<Object[]> expected = raw(from, to);
        JsonArray items = api(from, to);
        assertThat(items).as("buckets of [%s, %s)", from, to).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            Object[] row = expected.get(i);
            assertThat(item.getString("bucket")).isEqualTo(row[0]);
            assertThat(item.getDouble("min")).isEqualTo(row[1]);
            assertThat(item.getDouble("max")).isEqualTo(row[2]);
            assertThat(item.getDouble("mean")).isCloseTo((Double) row[3], within(1e-9));
            assertThat(item.getLong("count")).isEqualTo(row[4]);
        }
    }

    static List<Instant[]> ranges() {
        Duration h = Duration.ofHours(1);
        return List.of(
                new Instant[] {DAY0, END},
                new Instant[] {DAY0.minus(Duration.ofDays(2)), END.plus(Duration.ofDays(2))},
                new Instant[] {DAY0.plus(h.multipliedBy(5)).plusNanos(123_000), END.minus(h.multipliedBy(7))},
                new Instant[] {DAY0.plus(Duration.ofDays(3)), DAY0.plus(Duration.ofDays(4))},
                new Instant[] {DAY0.plus(Duration.ofDays(3)).plus(h), DAY0.plus(Duration.ofDays(3)).plus(h.multipliedBy(20))},
                new Instant[] {DAY0.plus(Duration.ofDays(3)).plus(h.multipliedBy(20)), DAY0.plus(Duration.ofDays(4)).plus(h)},
                new Instant[] {DAY0.plus(Duration.ofDays(5)), DAY0.plus(Duration.ofDays(6)).plus(h.multipliedBy(2))});
    }

    @Test
    @Order(1)
    void everyRangeGivesTheReadingsBuckets() throws SQLException {
        assertThat(raw(DAY0, END)).hasSize(11);
        for (Instant[] range : ranges()) {
            assertSameAsReadings(range[0], range[1]);
        }
    }

    @Test
    @Order(2)
    void wholeDaysComeFromTheRollupWhileItIsKept() throws SQLException {
        Instant day = DAY0.plus(Duration.ofDays(2));
        double max = (Double) raw(day, day.plus(Duration.ofDays(1))).get(0)[2];
        String date = day.toString().substring(0, 10);
        double kept = ((Number) query("SELECT fill_max FROM bin_days WHERE bin_id = 'b3' AND day = '" + date + "'")).doubleValue();
        assertThat(kept).isEqualTo(max);
        api.sql("UPDATE bin_days SET fill_max = ? WHERE bin_id = ? AND day = ?::date", max + 1000, BIN, date);
        try {
            assertThat(api(DAY0, END).getJsonObject(2).getDouble("max")).isEqualTo(max + 1000);
            // a partial day is read from the readings
            assertThat(api(day.plus(Duration.ofHours(1)), END).getJsonObject(0).getDouble("max")).isLessThanOrEqualTo(max);
            api.sql("UPDATE rollup_settings SET maintained = false");
            assertThat(api(DAY0, END).getJsonObject(2).getDouble("max")).isEqualTo(max);
            assertSameAsReadings(DAY0, END);
        } finally {
            api.sql("UPDATE rollup_settings SET maintained = true");
            api.sql("UPDATE bin_days SET fill_max = ? WHERE bin_id = ? AND day = ?::date", kept, BIN, date);
        }
        assertSameAsReadings(DAY0, END);
    }

    @Test
    @Order(3)
    void aReadingWaitingForTheDeferredUpkeepIsCounted() throws SQLException {
        Instant at = DAY0.plus(Duration.ofDays(4)).plus(Duration.ofMinutes(1)).plusNanos(7000);
        insert(List.<Object[]>of(new Object[] {at, 99.875}), true);
        long pending = ((Number) query("SELECT count(*) FROM rollup_pending")).longValue();
        assertThat(pending).isEqualTo(1);
        long before = raw(DAY0, END).stream().mapToLong(r -> (Long) r[4]).sum();
        for (Instant[] range : ranges()) {
            assertSameAsReadings(range[0], range[1]);
        }
        api.sql("SELECT clearway_rollup_flush(1000)");
        assertThat(((Number) query("SELECT count(*) FROM rollup_pending")).longValue()).isZero();
        assertThat(api(DAY0, END).stream().mapToLong(o -> ((JsonObject) o).getLong("count")).sum()).isEqualTo(before);
        for (Instant[] range : ranges()) {
            assertSameAsReadings(range[0], range[1]);
        }
    }

    @Test
    @Order(4)
    void daysWhosePartitionsRetentionDroppedHaveNoBucket() throws SQLException {
        Instant cut = DAY0.plus(Duration.ofDays(2));
        api.sql("SELECT clearway_drop_reading_partitions(?)", cut);
        assertThat(((Number) query("SELECT count(*) FROM bin_days WHERE bin_id = 'b3' AND day < '"
                + cut.toString().substring(0, 10) + "'")).longValue()).isGreaterThan(0);
        assertThat(raw(DAY0, END)).hasSize(9);
        for (Instant[] range : ranges()) {
            assertSameAsReadings(range[0], range[1]);
        }
    }

    static Object query(String sql) throws SQLException {
        try (Connection c = api.db().getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
