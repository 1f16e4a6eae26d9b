-- Ingest's cost (issue 16, item 5): the roll-up trigger read, for every bin of a batch, all of its readings from
-- gap_cap before its first new reading to gap_cap after its last (widened to whole slots), and ran its window
-- functions over them: profiled under the ingest benchmark, where each bin reports every few hundred milliseconds,
-- that was over 99 % of a batch's INSERT (a 400-row batch: 22,400 rows windowed and a sequential scan of the day's
-- partition; 2.7 ms for the INSERT without the trigger). A reading outside that narrow set adds the same to the
-- figures with and without the new readings, so only these are needed, each found by an index probe:
--   * the new readings themselves;
--   * for each new reading, the reading just before it and just after it (new or not) within the reach, the longer
--     of gap_cap and the slot: for a run of consecutive new readings these are the older reading before the run and
--     the one after it, the only older readings whose next reading changes (one further back than gap_cap has its
--     stretch capped anyway); and when a slot holds new and older readings, some new reading of that slot has an
--     older neighbour in it, so whether the slot was observed before is known too.
-- An older reading in this set whose next reading did not change gets the same next reading with and without the
-- new ones, so its stretch cancels out, as before. A bin with more than narrow_max new readings in the statement
-- (a 100-reading message, a COPY) keeps V19's read: three probes per reading would cost more than reading the
-- bin's window once (a 50,000-row COPY took 4 times as long with probes only). The rest of the function is V19's;
-- RollupEquivalenceIT compares the kept roll-ups with a rebuild from the raw readings.

CREATE OR REPLACE FUNCTION clearway_rollup_add(p_bins text[], p_times timestamptz[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    s       rollup_settings;
    slot_s  double precision;
    reach   interval;
    -- A bin with more new readings than this in one statement (a buffer replayed, a COPY) is read whole within the gap
    -- cap, as in V19: fewer rows than three probes per reading.
    narrow_max CONSTANT integer := 8;
BEGIN
    SELECT * INTO s FROM rollup_settings;
    slot_s := extract(epoch FROM s.slot);
    reach := greatest(s.gap_cap, s.slot);
    INSERT INTO bin_days (bin_id, day)
    SELECT DISTINCT n.bin_id, g::date
      FROM unnest(p_bins, p_times) AS n(bin_id, measured_at)
     CROSS JOIN LATERAL generate_series(((n.measured_at - s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                        ((n.measured_at + s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                        interval '1 day') AS g
     ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    PERFORM 1
       FROM bin_days bd
       JOIN (SELECT DISTINCT n.bin_id, g::date AS day
               FROM unnest(p_bins, p_times) AS n(bin_id, measured_at)
              CROSS JOIN LATERAL generate_series(((n.measured_at - s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                                 ((n.measured_at + s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                                 interval '1 day') AS g) k
         ON k.bin_id = bd.bin_id AND k.day = bd.day
      ORDER BY bd.bin_id, bd.day
        FOR UPDATE OF bd;
    WITH n AS (SELECT DISTINCT u.bin_id, u.measured_at FROM unnest(p_bins, p_times) AS u(bin_id, measured_at)),
    w AS (
        SELECT n.bin_id,
               to_timestamp(floor(extract(epoch FROM min(n.measured_at) - s.gap_cap) / slot_s) * slot_s) AS w0,
               to_timestamp(ceil(extract(epoch FROM max(n.measured_at) + s.gap_cap) / slot_s) * slot_s) AS w1,
               count(*) <= narrow_max AS narrow
          FROM n GROUP BY n.bin_id),
    k AS (
        SELECT DISTINCT n.bin_id, g::date AS day, (g AT TIME ZONE 'UTC') AS d0, ((g + interval '1 day') AT TIME ZONE 'UTC') AS d1
          FROM n
         CROSS JOIN LATERAL generate_series(((n.measured_at - s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                            ((n.measured_at + s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                            interval '1 day') AS g),
    -- The readings that can change a figure, each fetched by an index probe: the new ones, and the reading just
    -- before and just after each new one within the reach (the gap cap or a slot, whichever is longer); for a bin
    -- with many new readings, all of its readings within the gap cap (V19's read).
    x AS (
        SELECT p.bin_id, p.measured_at, p.fill_pct
          FROM n JOIN w ON w.bin_id = n.bin_id AND w.narrow CROSS JOIN LATERAL (
                SELECT rd.bin_id, rd.measured_at, rd.fill_pct FROM readings rd
                 WHERE rd.bin_id = n.bin_id AND rd.measured_at = n.measured_at LIMIT 1) p
        UNION
        SELECT p.bin_id, p.measured_at, p.fill_pct
          FROM n JOIN w ON w.bin_id = n.bin_id AND w.narrow CROSS JOIN LATERAL (
                SELECT rd.bin_id, rd.measured_at, rd.fill_pct FROM readings rd
                 WHERE rd.bin_id = n.bin_id AND rd.measured_at < n.measured_at
                   AND rd.measured_at >= n.measured_at - reach
                 ORDER BY rd.measured_at DESC LIMIT 1) p
        UNION
        SELECT p.bin_id, p.measured_at, p.fill_pct
          FROM n JOIN w ON w.bin_id = n.bin_id AND w.narrow CROSS JOIN LATERAL (
                SELECT rd.bin_id, rd.measured_at, rd.fill_pct FROM readings rd
                 WHERE rd.bin_id = n.bin_id AND rd.measured_at > n.measured_at
                   AND rd.measured_at <= n.measured_at + reach
                 ORDER BY rd.measured_at LIMIT 1) p
        UNION
        SELECT w.bin_id, p.measured_at, p.fill_pct
          FROM w CROSS JOIN LATERAL (
                SELECT rd.measured_at, rd.fill_pct FROM readings rd
                 WHERE rd.bin_id = w.bin_id AND rd.measured_at >= w.w0 AND rd.measured_at < w.w1 + s.gap_cap) p
         WHERE NOT w.narrow),
    r0 AS (
        SELECT w.bin_id, w.w0, w.w1, x.measured_at, x.fill_pct
          FROM w JOIN x ON x.bin_id = w.bin_id),
    r AS (
        SELECT r0.bin_id, r0.w0, r0.w1, r0.measured_at, r0.fill_pct, n.bin_id IS NOT NULL AS is_new,
               lead(r0.measured_at) OVER (PARTITION BY r0.bin_id ORDER BY r0.measured_at) AS next_with,
               min(r0.measured_at) FILTER (WHERE n.bin_id IS NULL) OVER (PARTITION BY r0.bin_id
                   ORDER BY r0.measured_at DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_without
          FROM r0 LEFT JOIN n ON n.bin_id = r0.bin_id AND n.measured_at = r0.measured_at),
    delta AS (
        SELECT k.bin_id, k.day,
               count(*) FILTER (WHERE r.is_new AND r.measured_at >= k.d0 AND r.measured_at < k.d1) AS readings,
               count(DISTINCT floor(extract(epoch FROM r.measured_at) / slot_s))
                   FILTER (WHERE r.measured_at >= greatest(k.d0, r.w0) AND r.measured_at < least(k.d1, r.w1))
             - count(DISTINCT floor(extract(epoch FROM r.measured_at) / slot_s))
                   FILTER (WHERE NOT r.is_new AND r.measured_at >= greatest(k.d0, r.w0) AND r.measured_at < least(k.d1, r.w1))
                   AS observed,
               (coalesce(sum(greatest(0, extract(epoch FROM
                       least(coalesce(r.next_with, k.d1), r.measured_at + s.gap_cap, k.d1) - greatest(r.measured_at, k.d0))
                       * 1000000)) FILTER (WHERE r.fill_pct >= s.overflow_pct AND r.measured_at < least(k.d1, r.w1)), 0)
              - coalesce(sum(greatest(0, extract(epoch FROM
                       least(coalesce(r.next_without, k.d1), r.measured_at + s.gap_cap, k.d1) - greatest(r.measured_at, k.d0))
                       * 1000000)) FILTER (WHERE NOT r.is_new AND r.fill_pct >= s.overflow_pct
                                           AND r.measured_at < least(k.d1, r.w1)), 0))::bigint AS overflow_us,
               min(r.measured_at) FILTER (WHERE r.is_new AND r.measured_at >= k.d0 AND r.measured_at < k.d1) AS first_at,
               max(r.measured_at) FILTER (WHERE r.is_new AND r.measured_at >= k.d0 AND r.measured_at < k.d1) AS last_at,
               min(r.fill_pct) FILTER (WHERE r.is_new AND r.measured_at >= k.d0 AND r.measured_at < k.d1) AS fill_min,
               max(r.fill_pct) FILTER (WHERE r.is_new AND r.measured_at >= k.d0 AND r.measured_at < k.d1) AS fill_max,
               coalesce(sum(r.fill_pct) FILTER (WHERE r.is_new AND r.measured_at >= k.d0 AND r.measured_at < k.d1), 0)
                   AS fill_sum
          FROM k JOIN r ON r.bin_id = k.bin_id AND r.measured_at >= k.d0 - s.gap_cap AND r.measured_at < k.d1
         GROUP BY k.bin_id, k.day),
    written AS (
        UPDATE bin_days bd
           SET readings = bd.readings + d.readings, observed = bd.observed + d.observed,
               overflow_us = bd.overflow_us + d.overflow_us,
               first_at = CASE WHEN bd.first_at IS NULL THEN d.first_at ELSE least(bd.first_at, d.first_at) END,
               last_at = CASE WHEN bd.last_at IS NULL THEN d.last_at ELSE greatest(bd.last_at, d.last_at) END,
               fill_min = CASE WHEN bd.fill_min IS NULL THEN d.fill_min ELSE least(bd.fill_min, d.fill_min) END,
               fill_max = CASE WHEN bd.fill_max IS NULL THEN d.fill_max ELSE greatest(bd.fill_max, d.fill_max) END,
               fill_sum = bd.fill_sum + d.fill_sum
          FROM delta d
         WHERE bd.bin_id = d.bin_id AND bd.day = d.day)
    INSERT INTO community_days AS cd (zone_id, day, stripe, readings, observed, overflow_us)
    SELECT b.zone_id, d.day, clearway_rollup_stripe(), sum(d.readings), sum(d.observed), sum(d.overflow_us)
      FROM delta d JOIN bins b ON b.id = d.bin_id
     GROUP BY b.zone_id, d.day
    HAVING sum(d.readings) <> 0 OR sum(d.observed) <> 0 OR sum(d.overflow_us) <> 0
     ORDER BY 1, 2
    ON CONFLICT (zone_id, day, stripe) DO UPDATE
       SET readings = cd.readings + EXCLUDED.readings, observed = cd.observed + EXCLUDED.observed,
           overflow_us = cd.overflow_us + EXCLUDED.overflow_us;
END $$;
