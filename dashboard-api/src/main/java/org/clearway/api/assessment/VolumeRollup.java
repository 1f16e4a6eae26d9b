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
     * (kg).
     */
    static final String VOLUMES = AssessmentQueries.COMMUNITIES_CTE + """
            , p AS (SELECT ?::date AS d0, ?::date AS d1, ?::timestamptz AS h0, ?::timestamptz AS h1,
                           ?::timestamptz AS e0, ?::timestamptz AS e1),
            edge AS (
                SELECT c.zone_id, c.stream, coalesce(sum(c.volume_l::numeric), 0) AS volume_l,
                       coalesce(sum(c.weight_kg::numeric), 0) AS weight_kg
                  FROM p CROSS JOIN collections c
                 WHERE c.zone_id = ANY (ARRAY(SELECT id FROM communities))
                   AND ((c.collected_at >= p.h0 AND c.collected_at < p.h1) OR (c.collected_at >= p.e0 AND c.collected_at < p.e1))
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
