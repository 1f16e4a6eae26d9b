package org.clearway.api.assessment;

import java.time.Instant;
import java.util.List;

/**
 * The assessment's collected volume and weight by stream per community from the roll-up of migration V28
 * (docs/assessment.md, "Volumes roll-up"): the whole UTC days of the period from {@code volume_days}, the partial
 * days at its two ends from {@code collections}. Both are exact numeric sums of the doubles taken as numeric, so the
 * result equals {@link AssessmentQueries#VOLUMES} (every collection of the period) to the last digit.
 */
final class VolumeRollup {
    /**
     * Arguments after the communities' four: first whole day, end of the whole days; the head window (start, end),
     * the tail window (start, end). Columns as {@link AssessmentQueries#VOLUMES}: zone, stream, volume (L), weight
     * (kg). Each window is a range of the zone-and-time index ({@code w}, a join): as one OR of the two windows the
     * planner could not use them as index bounds and read every collection of the communities (209,669 for the city's
     * quarter at 10,000 bins, about 200 ms under load) to keep none.
     */
    static final String VOLUMES = AssessmentQueries.COMMUNITIES_CTE + """
            , p AS (SELECT ?::date AS d0, ?::date AS d1),
            w AS (
                SELECT * FROM (VALUES (?::timestamptz, ?::timestamptz), (?::timestamptz, ?::timestamptz)) AS w(w0, w1)
                 WHERE w0 < w1),
            edge AS (
                SELECT c.zone_id, c.stream, coalesce(sum(c.volume_l::numeric), 0) AS volume_l,
                       coalesce(sum(c.weight_kg::numeric), 0) AS weight_kg
                  FROM w JOIN collections c ON c.collected_at >= w.w0 AND c.collected_at < w.w1
                 WHERE c.zone_id = ANY (ARRAY(SELECT id FROM communities))
                 GROUP BY 1, 2),
            days AS (
                SELECT v.zone_id, v.stream, sum(v.volume_l) AS volume_l, sum(v.weight_kg) AS weight_kg
                  FROM p CROSS JOIN volume_days v
                 WHERE v.zone_id = ANY (ARRAY(SELECT id FROM communities)) AND v.day >= p.d0 AND v.day < p.d1
                 GROUP BY 1, 2)
            SELECT a.zone_id, a.stream, sum(a.volume_l) AS volume_l, sum(a.weight_kg) AS weight_kg
              FROM (SELECT * FROM edge UNION ALL SELECT * FROM days) a
             GROUP BY 1, 2
            """;

    private VolumeRollup() {
    }

    /** The arguments after the communities' four, for [from, to) counted. */
    static List<Object> args(Instant from, Instant to) {
        return AssessmentRollup.dayWindows(from, to);
    }
}
