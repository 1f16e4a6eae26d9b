package org.clearway.api.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The assessment's pickups (collected, verified, median and p90 response time per community) from the roll-up of
 * migration V19 (docs/assessment.md, "Pickups roll-up"): the whole UTC days of the period from {@code pickup_days},
 * the partial days at its two ends from {@code collections} and {@code jobs}, both as a histogram of fixed response
 * buckets ({@code clearway_response_bucket}) with each bucket's count, verified count and least and greatest value.
 * The counts are exact; a percentile is within the width of the bucket it falls in (see {@link #percentile}).
 */
final class PickupRollup {
    /**
     * Arguments after the communities' four: first whole day, end of the whole days; the head window (start, end),
     * the tail window (start, end). One row per community and bucket, in bucket order (the buckets' order is the
     * values' order).
     */
    static final String HISTOGRAM = AssessmentQueries.COMMUNITIES_CTE + """
            , p AS (SELECT ?::date AS d0, ?::date AS d1),
            w AS (
                SELECT * FROM (VALUES (?::timestamptz, ?::timestamptz), (?::timestamptz, ?::timestamptz)) AS w(w0, w1)
                 WHERE w0 < w1),
            edge AS (
                SELECT c.zone_id, clearway_response_bucket(x.s) AS bucket, count(*) AS collected,
                       count(*) FILTER (WHERE j.state = 'verified') AS verified, min(x.s) AS min_s, max(x.s) AS max_s
                  FROM w JOIN collections c ON c.collected_at >= w.w0 AND c.collected_at < w.w1
                  JOIN jobs j ON j.id = c.job_id
                 CROSS JOIN LATERAL (SELECT extract(epoch FROM c.collected_at - j.created_at) AS s) x
                 WHERE c.zone_id = ANY (ARRAY(SELECT id FROM communities))
                 GROUP BY 1, 2),
            days AS (
                SELECT pd.zone_id, pd.bucket, sum(pd.collected) AS collected, sum(pd.verified) AS verified,
                       min(pd.min_s) AS min_s, max(pd.max_s) AS max_s
                  FROM p CROSS JOIN pickup_days pd
                 WHERE pd.zone_id = ANY (ARRAY(SELECT id FROM communities)) AND pd.day >= p.d0 AND pd.day < p.d1
                 GROUP BY 1, 2)
            SELECT a.zone_id, a.bucket, sum(a.collected) AS collected, sum(a.verified) AS verified,
                   min(a.min_s) AS min_s, max(a.max_s) AS max_s
              FROM (SELECT * FROM edge UNION ALL SELECT * FROM days) a
             GROUP BY 1, 2
            HAVING sum(a.collected) > 0
             ORDER BY 1, 2
            """;

    private PickupRollup() {
    }

    /** The arguments after the communities' four, for [from, to) counted. */
    static List<Object> args(Instant from, Instant to) {
        return AssessmentRollup.dayWindows(from, to);
    }

    /** One bucket of one community's histogram: its count and least and greatest response time (s). */
    record Bucket(long count, double min, double max) {
        static Bucket of(long count, BigDecimal min, BigDecimal max) {
            return new Bucket(count, min.doubleValue(), max.doubleValue());
        }

        /** The k-th (0-based) of the bucket's values, spread evenly from its least to its greatest. */
        double value(long k) {
            return count == 1 || k == 0 ? min : k == count - 1 ? max : min + (max - min) * k / (count - 1);
        }
    }

    /**
     * {@code percentile_cont(p)} over a histogram in value order, in seconds: the values at ranks floor and ceil of
     * p·(n−1), interpolated as PostgreSQL does. Each value is estimated within its bucket (between the bucket's least
     * and greatest), so the result is within the width of the buckets it falls in, and exact where those values are
     * alone in their bucket, a bucket's least or greatest, or equal to the others of their bucket.
     *
     * @return null for an empty histogram
     */
    static Double percentile(List<Bucket> histogram, double p) {
        long n = histogram.stream().mapToLong(Bucket::count).sum();
        if (n == 0) {
            return null;
        }
        double pos = p * (n - 1);
        long lo = (long) Math.floor(pos);
        long hi = (long) Math.ceil(pos);
        double a = valueAt(histogram, lo);
        double b = hi == lo ? a : valueAt(histogram, hi);
        return a + (b - a) * (pos - lo);
    }

    private static double valueAt(List<Bucket> histogram, long rank) {
        long before = 0;
        for (Bucket bucket : histogram) {
            if (rank < before + bucket.count()) {
                return bucket.value(rank - before);
            }
            before += bucket.count();
        }
        throw new IllegalArgumentException("rank " + rank + " beyond the histogram");
    }
}
