package org.clearway.lab.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The roll-ups of a city loaded by COPY with the roll-up triggers off, computed set-based (docs/assessment.md, "Read
 * benchmark"): {@code bin_days} of a range of bins by one INSERT ... SELECT over their readings (each reading's next
 * one by one window over the bin's whole history), {@code community_days} by one INSERT ... SELECT over
 * {@code bin_days} at the end. The same rows, for the same keys, as {@code clearway_rollup_rebuild}
 * ({@code clearway_rollup_refresh} of every (bin, day) within the gap cap of a reading): a day's overflow time sums the
 * same exact numeric terms (a reading's stretch to its next reading, at most the gap cap, clipped to the day), the
 * counts and fill statistics are the day's own readings. {@code CityHistoryIT} compares both row for row.
 */
final class BulkRollups {
    /** bin_days of the bins in [?, ?) (ids sort as their numbers); the table has no rows for them yet. */
    static final String BIN_DAYS = """
            INSERT INTO bin_days (bin_id, day, readings, observed, overflow_us, first_at, last_at, fill_min, fill_max,
                                  fill_sum)
            WITH s AS (SELECT gap_cap, slot, overflow_pct FROM rollup_settings),
            r AS (
                SELECT x.bin_id, x.measured_at, x.fill_pct,
                       lead(x.measured_at) OVER (PARTITION BY x.bin_id ORDER BY x.measured_at) AS next_at
                  FROM readings x
                 WHERE x.bin_id >= ? AND x.bin_id < ?),
            keys AS (
                SELECT DISTINCT r.bin_id, g::date AS day
                  FROM r CROSS JOIN s
                 CROSS JOIN LATERAL generate_series(((r.measured_at - s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                                    ((r.measured_at + s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                                    interval '1 day') AS g),
            own AS (
                SELECT r.bin_id, (r.measured_at AT TIME ZONE 'UTC')::date AS day, count(*) AS readings,
                       count(DISTINCT floor(extract(epoch FROM r.measured_at) / extract(epoch FROM s.slot)::double precision))
                           AS observed,
                       min(r.measured_at) AS first_at, max(r.measured_at) AS last_at, min(r.fill_pct) AS fill_min,
                       max(r.fill_pct) AS fill_max, sum(r.fill_pct ORDER BY r.measured_at) AS fill_sum
                  FROM r CROSS JOIN s
                 GROUP BY 1, 2),
            over AS (
                SELECT r.bin_id, g::date AS day,
                       sum(greatest(0, extract(epoch FROM
                           least(coalesce(r.next_at, (g + interval '1 day') AT TIME ZONE 'UTC'), r.measured_at + s.gap_cap,
                                 (g + interval '1 day') AT TIME ZONE 'UTC') - greatest(r.measured_at, g AT TIME ZONE 'UTC'))
                           * 1000000)) AS overflow_us
                  FROM r CROSS JOIN s
                 CROSS JOIN LATERAL generate_series((r.measured_at AT TIME ZONE 'UTC')::date::timestamp,
                                                    ((r.measured_at + s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                                    interval '1 day') AS g
                 WHERE r.fill_pct >= s.overflow_pct
                 GROUP BY 1, 2)
            SELECT k.bin_id, k.day, coalesce(o.readings, 0), coalesce(o.observed, 0), coalesce(v.overflow_us, 0)::bigint,
                   o.first_at, o.last_at, o.fill_min, o.fill_max, coalesce(o.fill_sum, 0)
              FROM keys k
              LEFT JOIN own o ON o.bin_id = k.bin_id AND o.day = k.day
              LEFT JOIN over v ON v.bin_id = k.bin_id AND v.day = k.day
             ORDER BY 1, 2
            """;
    /** community_days from all of bin_days (stripe 0), once every bin's days are in. */
    static final String COMMUNITY_DAYS = """
            INSERT INTO community_days (zone_id, day, stripe, readings, observed, overflow_us)
            SELECT b.zone_id, bd.day, 0, sum(bd.readings), sum(bd.observed), sum(bd.overflow_us)
              FROM bin_days bd JOIN bins b ON b.id = bd.bin_id
             GROUP BY b.zone_id, bd.day
            HAVING sum(bd.readings) <> 0 OR sum(bd.observed) <> 0 OR sum(bd.overflow_us) <> 0
            """;

    private BulkRollups() {
    }

    /** The bin_days rows of the bins with ids in [from, to). */
    static void binDays(Connection c, String from, String to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(BIN_DAYS)) {
            p.setString(1, from);
            p.setString(2, to);
            p.execute();
        }
    }

    static void communityDays(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(COMMUNITY_DAYS);
        }
    }
}
