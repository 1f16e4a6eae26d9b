package org.clearway.api.assessment;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The assessment's bins-and-readings figures from the roll-ups of migration V11 (docs/assessment.md, "Roll-ups"),
 * with the same columns as {@link AssessmentQueries#BINS_AND_READINGS} and, to the last digit, the same values:
 * <ul>
 * <li>regular bins (registered by the period's start, not retired before its end, so in service over all of it): the
 * whole UTC days of the period from {@code community_days}, the partial days at its two ends from the readings (the
 * same formulas clipped to those windows);</li>
 * <li>other bins (registered or retired within the period): their {@code bin_days} are taken back out of the
 * community's sums and their figures computed from the readings, as before.</li>
 * </ul>
 * Used only when the roll-ups are maintained and built with the assessment's own settings, and the period starts on a
 * report-interval boundary; otherwise the assessment reads the readings.
 */
final class AssessmentRollup {
    static final String SETTINGS = """
            SELECT overflow_pct, extract(epoch FROM gap_cap)::bigint, extract(epoch FROM slot)::bigint, maintained
              FROM rollup_settings
            """;
    /**
     * Arguments after the communities: t0, t1, gap cap (s), overflow %, slot (s), first whole day, end of the whole
     * days; the head window (start, end), the tail window (start, end). The readings are read per bin (LATERAL, by
     * the primary key): a planner that cannot tell how few bins are irregular would otherwise scan the whole period.
     */
    static final String BINS_AND_READINGS = AssessmentQueries.COMMUNITIES_CTE + """
            , p AS (SELECT ?::timestamptz AS t0, ?::timestamptz AS t1, make_interval(secs => ?) AS cap,
                           ?::double precision AS overflow, ?::double precision AS slot_s, ?::date AS d0, ?::date AS d1),
            b AS (
                SELECT b.id, b.zone_id, b.created_at, coalesce(b.retired_at, 'infinity') AS retired_at,
                       b.created_at <= p.t0 AND coalesce(b.retired_at, 'infinity') >= p.t1 AS regular
                  FROM bins b CROSS JOIN p
                 WHERE b.zone_id IN (SELECT id FROM communities)),
            w AS (
                SELECT * FROM (VALUES (?::timestamptz, ?::timestamptz), (?::timestamptz, ?::timestamptz)) AS w(w0, w1)
                 WHERE w0 < w1),
            e AS (
                SELECT b.id AS bin_id, w.w0, w.w1, x.measured_at, x.fill_pct, x.next_at
                  FROM b CROSS JOIN w CROSS JOIN p
                 CROSS JOIN LATERAL (
                    SELECT r.measured_at, r.fill_pct,
                           lead(r.measured_at) OVER (ORDER BY r.measured_at) AS next_at
                      FROM readings r
                     WHERE r.bin_id = b.id AND r.measured_at >= w.w0 - p.cap AND r.measured_at < w.w1) x
                 WHERE b.regular),
            edge AS (
                SELECT b.zone_id,
                       coalesce(sum(greatest(0, extract(epoch FROM
                               least(coalesce(e.next_at, e.w1), e.measured_at + p.cap, e.w1) - greatest(e.measured_at, e.w0))))
                           FILTER (WHERE e.fill_pct >= p.overflow), 0) AS overflow_s,
                       count(DISTINCT (e.bin_id, floor(extract(epoch FROM e.measured_at - p.t0) / p.slot_s)))
                           FILTER (WHERE e.measured_at >= e.w0) AS observed
                  FROM e JOIN b ON b.id = e.bin_id CROSS JOIN p
                 GROUP BY b.zone_id),
            days AS (
                SELECT cd.zone_id, sum(cd.overflow_us) AS overflow_us, sum(cd.observed) AS observed
                  FROM community_days cd CROSS JOIN p
                 WHERE cd.zone_id IN (SELECT id FROM communities) AND cd.day >= p.d0 AND cd.day < p.d1
                 GROUP BY cd.zone_id),
            other_days AS (
                SELECT b.zone_id, sum(bd.overflow_us) AS overflow_us, sum(bd.observed) AS observed
                  FROM bin_days bd JOIN b ON b.id = bd.bin_id AND NOT b.regular CROSS JOIN p
                 WHERE bd.day >= p.d0 AND bd.day < p.d1
                 GROUP BY b.zone_id),
            r AS (
                SELECT b.id AS bin_id, x.measured_at, x.fill_pct, b.retired_at, x.next_at
                  FROM b CROSS JOIN p
                 CROSS JOIN LATERAL (
                    SELECT r.measured_at, r.fill_pct, lead(r.measured_at) OVER (ORDER BY r.measured_at) AS next_at
                      FROM readings r
                     WHERE r.bin_id = b.id AND r.measured_at >= p.t0 - p.cap AND r.measured_at < p.t1) x
                 WHERE NOT b.regular),
            per_bin AS (
                SELECT r.bin_id,
                       min(r.measured_at) FILTER (WHERE r.measured_at >= p.t0) AS first_at,
                       coalesce(sum(greatest(0, extract(epoch FROM
                               least(coalesce(r.next_at, p.t1), r.measured_at + p.cap, p.t1) - greatest(r.measured_at, p.t0))))
                           FILTER (WHERE r.fill_pct >= p.overflow), 0) AS overflow_s,
                       count(DISTINCT floor(extract(epoch FROM r.measured_at - p.t0) / p.slot_s))
                           FILTER (WHERE r.measured_at >= p.t0 AND r.measured_at < r.retired_at) AS observed
                  FROM r CROSS JOIN p
                 GROUP BY r.bin_id),
            span AS (
                SELECT b.zone_id,
                       CASE WHEN b.regular THEN p.t0
                            ELSE greatest(p.t0, least(b.created_at, coalesce(pb.first_at, 'infinity'))) END AS a,
                       least(p.t1, b.retired_at) AS e,
                       coalesce(pb.overflow_s, 0) AS overflow_s, coalesce(pb.observed, 0) AS observed
                  FROM b CROSS JOIN p LEFT JOIN per_bin pb ON pb.bin_id = b.id),
            per_zone AS (
                SELECT s.zone_id, count(*) AS bins,
                       sum(extract(epoch FROM s.e - s.a)) / 86400.0 AS bin_days,
                       sum(ceil(extract(epoch FROM s.e - p.t0) / p.slot_s) - floor(extract(epoch FROM s.a - p.t0) / p.slot_s))
                           AS expected,
                       sum(s.overflow_s) AS overflow_s, sum(s.observed) AS observed
                  FROM span s CROSS JOIN p
                 WHERE s.a < s.e
                 GROUP BY s.zone_id)
            SELECT z.zone_id, z.bins, z.bin_days, z.expected,
                   round(z.overflow_s + coalesce(ed.overflow_s, 0)
                         + (coalesce(d.overflow_us, 0) - coalesce(o.overflow_us, 0)) / 1000000.0, 6) / 3600.0 AS overflow_hours,
                   z.observed + coalesce(ed.observed, 0) + coalesce(d.observed, 0) - coalesce(o.observed, 0) AS observed
              FROM per_zone z
              LEFT JOIN edge ed ON ed.zone_id = z.zone_id
              LEFT JOIN days d ON d.zone_id = z.zone_id
              LEFT JOIN other_days o ON o.zone_id = z.zone_id
            """;

    private AssessmentRollup() {
    }

    /** Whether the roll-ups can answer for this configuration and period start (see the class comment). */
    static boolean usable(Connection c, AssessmentConfig config, Instant from) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SETTINGS)) {
            if (!rs.next()) {
                return false;
            }
            long slot = config.reportInterval().toSeconds();
            return rs.getDouble(1) == config.overflowPct() && rs.getLong(2) == config.gapCap().toSeconds()
                    && rs.getLong(3) == slot && rs.getBoolean(4)
                    && config.reportInterval().equals(Duration.ofSeconds(slot))
                    && config.gapCap().equals(Duration.ofSeconds(config.gapCap().toSeconds()))
                    && from.getNano() == 0 && from.getEpochSecond() % slot == 0;
        }
    }

    /** The arguments after the communities' four, for [from, to) counted. */
    static List<Object> args(Instant from, Instant to, AssessmentConfig config) {
        Duration cap = config.gapCap();
        List<Object> args = new ArrayList<>(List.of(from, to, (double) cap.toSeconds(), config.overflowPct(),
                (double) config.reportInterval().toSeconds()));
        args.addAll(dayWindows(from, to));
        return args;
    }

    /**
     * How [from, to) splits into whole UTC days and the partial days at its ends: the first whole day, the end of the
     * whole days (dates), the head window (start, end), the tail window (start, end); a window may be empty.
     */
    static List<Object> dayWindows(Instant from, Instant to) {
        Instant firstDay = from.truncatedTo(ChronoUnit.DAYS);
        if (firstDay.isBefore(from)) {
            firstDay = firstDay.plus(Duration.ofDays(1));
        }
        Instant endDay = to.truncatedTo(ChronoUnit.DAYS);
        Instant headEnd;
        Instant tailStart;
        if (firstDay.isBefore(endDay)) {
            headEnd = firstDay;
            tailStart = endDay;
        } else {
            firstDay = endDay;
            headEnd = to;
            tailStart = to;
        }
        return List.of(day(firstDay), day(endDay), from, headEnd, tailStart, to);
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
