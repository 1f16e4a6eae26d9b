package org.clearway.api.assessment;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.resources.Scope;
import org.clearway.api.security.Principal;

/**
 * Computes an {@link Assessment} with a few set-based queries, each grouped by community, in one
 * read-only snapshot: the bins and the readings of the period (bin-days, expected and observed reports,
 * overflow bin-hours), the collections (response times, verified pickups, volumes) and the
 * citizen reports. Every query is bounded by the token's zone in SQL, as the other resources are.
 */
public final class AssessmentQueries {
    /** Four arguments: the token's zone twice, the assessed zone twice. */
    public static final String COMMUNITIES_CTE = "WITH RECURSIVE " + Scope.zoneTree("scope") + ",\n" + Scope.zoneTree("sub")
            + ",\n" + """
            communities AS MATERIALIZED (
                SELECT z.id, z.name FROM zones z
                 WHERE z.level = 'community' AND z.id IN (SELECT id FROM scope) AND z.id IN (SELECT id FROM sub))
            """;
    /** Two arguments: the token's zone twice; then the zone id. */
    public static final String VISIBLE_ZONE = Scope.SCOPE_CTE + """
            SELECT z.id, z.name, z.level FROM zones z WHERE z.id = ? AND z.id IN (SELECT id FROM scope)
            """;
    static final String COMMUNITY_LIST = COMMUNITIES_CTE + "SELECT id, name FROM communities ORDER BY id";
    static final String STREAMS = "SELECT code FROM waste_streams ORDER BY code";
    /**
     * The planner cannot tell how many communities a zone has, so it costs every assessment like the whole city's
     * and JIT-compiles it: about 0.6 s of compilation that a community's few thousand readings never pay back.
     */
    static final String NO_JIT = "SET LOCAL jit = off";
    /**
     * Arguments: from, the end counted (to, or now while the period runs), gap cap (s), overflow %, report interval
     * (s); then from minus the gap cap, the end counted. Per bin first (the window's order), then per community:
     * <ul>
     * <li>a bin is in service from its registration or its first reading in the period, whichever is earlier (the
     * simulator, and sensors with a buffer, send readings from before the bin was registered: ingest keeps them,
     * so they count), until its retirement, both clipped to the period and to now (nothing is expected of time
     * that has not happened): bin-days and expected intervals over that span;</li>
     * <li>each reading at or above the overflow level counts from its time to the next reading of its bin, at most
     * the gap cap, clipped to the period;</li>
     * <li>an interval of the period with a reading of the bin is observed.</li>
     * </ul>
     */
    static final String BINS_AND_READINGS = COMMUNITIES_CTE + """
            , p AS (SELECT ?::timestamptz AS t0, ?::timestamptz AS t1, make_interval(secs => ?) AS cap,
                           ?::double precision AS overflow, ?::double precision AS slot_s),
            b AS (
                SELECT b.id, b.zone_id, b.created_at, coalesce(b.retired_at, 'infinity') AS retired_at
                  FROM bins b
                 WHERE b.zone_id IN (SELECT id FROM communities)),
            r AS (
                SELECT r.bin_id, r.measured_at, r.fill_pct, b.retired_at,
                       lead(r.measured_at) OVER (PARTITION BY r.bin_id ORDER BY r.measured_at) AS next_at
                  FROM readings r JOIN b ON b.id = r.bin_id
                 WHERE r.measured_at >= ? AND r.measured_at < ?),
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
                SELECT b.zone_id, greatest(p.t0, least(b.created_at, coalesce(pb.first_at, 'infinity'))) AS a,
                       least(p.t1, b.retired_at) AS e,
                       coalesce(pb.overflow_s, 0) AS overflow_s, coalesce(pb.observed, 0) AS observed
                  FROM b CROSS JOIN p LEFT JOIN per_bin pb ON pb.bin_id = b.id)
            SELECT s.zone_id, count(*) AS bins,
                   sum(extract(epoch FROM s.e - s.a)) / 86400.0 AS bin_days,
                   sum(ceil(extract(epoch FROM s.e - p.t0) / p.slot_s) - floor(extract(epoch FROM s.a - p.t0) / p.slot_s))
                       AS expected,
                   sum(s.overflow_s) / 3600.0 AS overflow_hours, sum(s.observed) AS observed
              FROM span s CROSS JOIN p
             WHERE s.a < s.e
             GROUP BY s.zone_id
            """;
    /** Arguments: from, to. Response time: the job's creation to its collection. */
    static final String PICKUPS = COMMUNITIES_CTE + """
            SELECT c.zone_id, count(*) AS collected,
                   count(*) FILTER (WHERE j.state = 'verified') AS verified,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.collected_at - j.created_at)) / 3600.0
                       AS median_h,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.collected_at - j.created_at)) / 3600.0
                       AS p90_h
              FROM collections c JOIN jobs j ON j.id = c.job_id
             WHERE c.zone_id = ANY (ARRAY(SELECT id FROM communities)) AND c.collected_at >= ? AND c.collected_at < ?
             GROUP BY c.zone_id
            """;
    /**
     * Arguments: from, to. The communities as an array ({@code = ANY (ARRAY(...))}, here and in the other queries on
     * collections and citizen reports): with {@code IN (SELECT ...)} the planner, which cannot tell how many
     * communities the zone has, scanned every collection of the table for one community (178 ms for a quarter at
     * 10,000 bins under load, 14 ms by the zone-and-time index). The sums are exact numerics of the doubles taken as
     * numeric, as the roll-up {@code volume_days} keeps them ({@link VolumeRollup}): the same to the last digit
     * whatever order the rows come in.
     */
    static final String VOLUMES = COMMUNITIES_CTE + """
            SELECT c.zone_id, c.stream, coalesce(sum(c.volume_l::numeric), 0) AS volume_l,
                   coalesce(sum(c.weight_kg::numeric), 0) AS weight_kg
              FROM collections c
             WHERE c.zone_id = ANY (ARRAY(SELECT id FROM communities)) AND c.collected_at >= ? AND c.collected_at < ?
             GROUP BY c.zone_id, c.stream
            """;
    /** Arguments: from, to. */
    static final String REPORTS = COMMUNITIES_CTE + """
            SELECT r.zone_id, count(*) AS reports
              FROM citizen_reports r
             WHERE r.zone_id = ANY (ARRAY(SELECT id FROM communities)) AND r.requested_at >= ? AND r.requested_at < ?
             GROUP BY r.zone_id
            """;

    private final DataSource dataSource;
    private final Clock clock;
    private final AssessmentConfig config;
    private final boolean rollups;

    /**
     * @param rollups read the roll-ups of migrations V11, V19 and V28 where they can answer ({@link AssessmentRollup},
     *                {@link PickupRollup}, {@link VolumeRollup}); false reads every reading and collection of the period
     *                (the reference the roll-ups are checked against)
     */
    public AssessmentQueries(DataSource dataSource, Clock clock, AssessmentConfig config, boolean rollups) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.rollups = rollups;
    }

    public AssessmentQueries(DataSource dataSource, Clock clock, AssessmentConfig config) {
        this(dataSource, clock, config, config.rollups());
    }

    public AssessmentConfig config() {
        return config;
    }

    /** The project's clock, truncated to microseconds: the time an assessment counts up to. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * @param zone the zone to assess, or null for the token's own zone
     * @throws ApiException 404 when the zone does not exist or is outside the token's zone
     */
    public Assessment assess(Principal principal, String zone, Period period) throws SQLException {
        String assessed = zone == null ? principal.zone() : zone;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                try (var statement = c.createStatement()) {
                    statement.execute(NO_JIT);
                }
                Assessment result = assess(c, principal, assessed, period, now);
                c.commit();
                return result;
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        }
    }

    private Assessment assess(Connection c, Principal principal, String assessed, Period period, Instant now)
            throws SQLException {
        String[] zoneRow = Principal.WHOLE_CITY.equals(assessed) ? new String[] {"*", "Whole city", "city"}
                : visibleZone(c, principal, assessed);
        List<Object> scope = List.of(principal.zone(), principal.zone(), assessed, assessed);
        Map<String, Acc> byZone = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Object[] row : rows(c, COMMUNITY_LIST, scope, List.of(), 2)) {
            byZone.put((String) row[0], new Acc((String) row[1]));
            order.add((String) row[0]);
        }
        List<String> streams = new ArrayList<>();
        for (Object[] row : rows(c, STREAMS, List.of(), List.of(), 1)) {
            streams.add((String) row[0]);
        }
        Instant from = period.from();
        Instant to = countedUntil(period, now);
        double slot = config.reportInterval().toSeconds();
        double cap = config.gapCap().toSeconds();
        boolean fromRollups = rollups && AssessmentRollup.usable(c, config, from);
        List<Object[]> binRows = fromRollups
                ? rows(c, AssessmentRollup.BINS_AND_READINGS, scope, AssessmentRollup.args(from, to, config), 6)
                : rows(c, BINS_AND_READINGS, scope,
                        List.of(from, to, cap, config.overflowPct(), slot, from.minus(config.gapCap()), to), 6);
        for (Object[] row : binRows) {
            Acc a = byZone.get((String) row[0]);
            a.bins = ((Number) row[1]).longValue();
            a.binDays = ((Number) row[2]).doubleValue();
            a.expected = ((Number) row[3]).longValue();
            a.overflowHours = ((Number) row[4]).doubleValue();
            a.observed = ((Number) row[5]).longValue();
        }
        if (rollups) {
            pickupsFromRollup(c, scope, from, to, byZone);
        } else {
            for (Object[] row : rows(c, PICKUPS, scope, List.of(from, to), 5)) {
                Acc a = byZone.get((String) row[0]);
                a.collected = ((Number) row[1]).longValue();
                a.verified = ((Number) row[2]).longValue();
                a.medianH = ((Number) row[3]).doubleValue();
                a.p90H = ((Number) row[4]).doubleValue();
            }
        }
        List<Object[]> volumeRows = rollups ? rows(c, VolumeRollup.VOLUMES, scope, VolumeRollup.args(from, to), 4)
                : rows(c, VOLUMES, scope, List.of(from, to), 4);
        for (Object[] row : volumeRows) {
            Acc a = byZone.get((String) row[0]);
            a.volumes.merge((String) row[1], (BigDecimal) row[2], BigDecimal::add);
            a.weightKg = a.weightKg.add((BigDecimal) row[3]);
        }
        for (Object[] row : rows(c, REPORTS, scope, List.of(from, to), 2)) {
            byZone.get((String) row[0]).reports = ((Number) row[1]).longValue();
        }
        List<CommunityFigures> figures = new ArrayList<>();
        for (String id : order) {
            figures.add(byZone.get(id).figures(id, streams, config.residualStreams()));
        }
        return new Assessment(period, to, zoneRow[0], zoneRow[1], zoneRow[2], config, streams, rank(figures), now);
    }

    /** Pickups from the histogram of migration V19 ({@link PickupRollup}): the counts exact, the percentiles within a bucket. */
    private static void pickupsFromRollup(Connection c, List<Object> scope, Instant from, Instant to, Map<String, Acc> byZone)
            throws SQLException {
        Map<String, List<PickupRollup.Bucket>> histograms = new HashMap<>();
        for (Object[] row : rows(c, PickupRollup.HISTOGRAM, scope, PickupRollup.args(from, to), 6)) {
            Acc a = byZone.get((String) row[0]);
            long count = ((Number) row[2]).longValue();
            a.collected += count;
            a.verified += ((Number) row[3]).longValue();
            histograms.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                    .add(PickupRollup.Bucket.of(count, (BigDecimal) row[4], (BigDecimal) row[5]));
        }
        histograms.forEach((zone, histogram) -> {
            Acc a = byZone.get(zone);
            a.medianH = PickupRollup.percentile(histogram, 0.5) / 3600.0;
            a.p90H = PickupRollup.percentile(histogram, 0.9) / 3600.0;
        });
    }

    /** The end of what is counted: the period's end, or now while the period runs (the future has no data). */
    static Instant countedUntil(Period period, Instant now) {
        return now.isBefore(period.to()) ? now : period.to();
    }

    static List<CommunityFigures> rank(List<CommunityFigures> figures) {
        Comparator<Double> nullsLast = Comparator.nullsLast(Comparator.naturalOrder());
        List<CommunityFigures> sorted = new ArrayList<>(figures);
        sorted.sort(Comparator.comparing(CommunityFigures::overflowPer1000BinDays, nullsLast)
                .thenComparing(CommunityFigures::responseMedianHours, nullsLast)
                .thenComparing(CommunityFigures::zoneId));
        List<CommunityFigures> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(sorted.get(i).withRank(i + 1));
        }
        return ranked;
    }

    private String[] visibleZone(Connection c, Principal principal, String zone) throws SQLException {
        List<Object[]> found = rows(c, VISIBLE_ZONE, List.of(principal.zone(), principal.zone(), zone), List.of(), 3);
        if (found.isEmpty()) {
            throw ApiException.notFound("zone " + zone);
        }
        Object[] row = found.get(0);
        return new String[] {(String) row[0], (String) row[1], (String) row[2]};
    }

    private static List<Object[]> rows(Connection c, String sql, List<Object> first, List<Object> rest, int columns)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            for (List<Object> args : List.of(first, rest)) {
                for (Object arg : args) {
                    ps.setObject(++i, arg instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : arg);
                }
            }
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int k = 0; k < columns; k++) {
                        row[k] = rs.getObject(k + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    /** A community's sums while the queries run. */
    private static final class Acc {
        final String name;
        long bins;
        double binDays;
        long expected;
        long observed;
        double overflowHours;
        long collected;
        long verified;
        Double medianH;
        Double p90H;
        /** Exact sums by stream (numeric in SQL), made doubles once at the end: the order of the rows cannot matter. */
        final Map<String, BigDecimal> volumes = new HashMap<>();
        BigDecimal weightKg = BigDecimal.ZERO;
        long reports;

        Acc(String name) {
            this.name = name;
        }

        CommunityFigures figures(String id, List<String> streams, List<String> residual) {
            TreeMap<String, Double> byStream = new TreeMap<>();
            for (String s : streams) {
                byStream.put(s, volumes.getOrDefault(s, BigDecimal.ZERO).doubleValue());
            }
            double total = byStream.values().stream().mapToDouble(Double::doubleValue).sum();
            double recyclable = byStream.entrySet().stream().filter(e -> !residual.contains(e.getKey()))
                    .mapToDouble(Map.Entry::getValue).sum();
            return new CommunityFigures(0, id, name, bins, binDays, overflowHours,
                    binDays > 0 ? overflowHours / binDays * 1000 : null, medianH, p90H, collected, verified,
                    collected > 0 ? (double) verified / collected : null, expected, observed,
                    expected > 0 ? (double) observed / expected : null, byStream, total, weightKg.doubleValue(),
                    total > 0 ? recyclable / total : null, reports);
        }
    }
}
