-- Ingest's cost, continued (issue 16, item 5): roll-up upkeep leaves the commit that acknowledges single readings.
--
-- Profiled after V25 (docs/assessment.md, "Cost to ingest"): the statement trigger's clearway_rollup_add was still
-- about 70 % of an ingest batch's time in PostgreSQL (95 of 137 ms a 500-message batch under load; the INSERT itself,
-- the bin_state upsert and the commit the rest), and the broker redelivers nothing until that commit acknowledges it.
-- Now a writer can defer it: with clearway.rollup_defer = 'on' in its session or transaction (ingest sets it in its
-- batch's INSERT), the trigger only notes the new rows' keys in rollup_pending, in the same transaction as the
-- readings (so a committed reading is never forgotten), and clearway_rollup_flush() adds them later, many batches at
-- once, in a transaction of its own (ingest's RollupFlusher runs it every CLEARWAY_INGEST_ROLLUP_INTERVAL).
--
-- Exactness. The roll-ups account for exactly the readings that have no rollup_pending row. Every step keeps that
-- true: clearway_rollup_add and clearway_rollup_refresh now read only readings without a pending row (beside the ones
-- they add), so each step adds F(accounted + new) - F(accounted) for the bins it touches, under the same (bin, day)
-- row locks as before, and the steps telescope to F(all readings) once rollup_pending is empty. A flush takes some
-- pending rows (FOR UPDATE SKIP LOCKED: two flushers never take the same ones) and deletes them in its transaction;
-- the rows it does not take stay unaccounted, whether of the same bins or not. A writer without the setting (COPY,
-- the simulator, tests) keeps V25's synchronous upkeep, and mixing both is exact too. A rebuild or a refresh counts
-- only the accounted readings; the pending ones are added by the next flush. TRUNCATE empties rollup_pending too.
-- A reading deleted while pending leaves a row that adds nothing (the probes do not find it).
--
-- What a reader sees: a whole past day's figures lack the readings still pending (normally under the flush interval,
-- one second by default); the assessment takes the running day from the readings themselves. RollupEquivalenceIT
-- (synchronous) and RollupDeferralIT (deferred, mixed, concurrent flushes) compare the kept roll-ups with a rebuild.

CREATE TABLE rollup_pending (
    bin_id      text        NOT NULL,
    measured_at timestamptz NOT NULL,
    PRIMARY KEY (bin_id, measured_at)
);

CREATE OR REPLACE FUNCTION readings_rollup_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND current_setting('clearway.rollup_defer', true) = 'on' THEN
        INSERT INTO rollup_pending (bin_id, measured_at)
        SELECT bin_id, measured_at FROM new_rows ORDER BY 1, 2
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM clearway_rollup_add(array_agg(bin_id), array_agg(measured_at)) FROM new_rows;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        PERFORM clearway_rollup_touch(array_agg(bin_id), array_agg(measured_at)) FROM new_rows;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM clearway_rollup_touch(array_agg(bin_id), array_agg(measured_at)) FROM old_rows;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION readings_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE bin_days, community_days, rollup_pending;
    RETURN NULL;
END $$;

-- Adds up to p_limit pending readings to the roll-ups and forgets them, in the caller's transaction (one statement
-- in autocommit: its own); returns how many it took (0: nothing was pending, or another flusher holds them).
CREATE FUNCTION clearway_rollup_flush(p_limit integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    bins  text[];
    times timestamptz[];
BEGIN
    WITH taken AS (
        SELECT p.bin_id, p.measured_at FROM rollup_pending p
         ORDER BY p.bin_id, p.measured_at
         LIMIT p_limit
           FOR UPDATE SKIP LOCKED),
    gone AS (
        DELETE FROM rollup_pending p USING taken t
         WHERE p.bin_id = t.bin_id AND p.measured_at = t.measured_at
        RETURNING p.bin_id, p.measured_at)
    SELECT array_agg(g.bin_id), array_agg(g.measured_at) INTO bins, times FROM gone g;
    IF bins IS NULL THEN
        RETURN 0;
    END IF;
    PERFORM clearway_rollup_add(bins, times);
    RETURN cardinality(bins);
END $$;

-- V25's clearway_rollup_add; the readings it reads (the probes and the wide read) skip those still pending.
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
                 WHERE rd.bin_id = n.bin_id AND rd.measured_at = n.measured_at
                   AND NOT EXISTS (SELECT 1 FROM rollup_pending q WHERE q.bin_id = rd.bin_id AND q.measured_at = rd.measured_at) LIMIT 1) p
        UNION
        SELECT p.bin_id, p.measured_at, p.fill_pct
          FROM n JOIN w ON w.bin_id = n.bin_id AND w.narrow CROSS JOIN LATERAL (
                SELECT rd.bin_id, rd.measured_at, rd.fill_pct FROM readings rd
                 WHERE rd.bin_id = n.bin_id AND rd.measured_at < n.measured_at
                   AND rd.measured_at >= n.measured_at - reach
                   AND NOT EXISTS (SELECT 1 FROM rollup_pending q WHERE q.bin_id = rd.bin_id AND q.measured_at = rd.measured_at)
                 ORDER BY rd.measured_at DESC LIMIT 1) p
        UNION
        SELECT p.bin_id, p.measured_at, p.fill_pct
          FROM n JOIN w ON w.bin_id = n.bin_id AND w.narrow CROSS JOIN LATERAL (
                SELECT rd.bin_id, rd.measured_at, rd.fill_pct FROM readings rd
                 WHERE rd.bin_id = n.bin_id AND rd.measured_at > n.measured_at
                   AND rd.measured_at <= n.measured_at + reach
                   AND NOT EXISTS (SELECT 1 FROM rollup_pending q WHERE q.bin_id = rd.bin_id AND q.measured_at = rd.measured_at)
                 ORDER BY rd.measured_at LIMIT 1) p
        UNION
        SELECT w.bin_id, p.measured_at, p.fill_pct
          FROM w CROSS JOIN LATERAL (
                SELECT rd.measured_at, rd.fill_pct FROM readings rd
                 WHERE rd.bin_id = w.bin_id AND rd.measured_at >= w.w0 AND rd.measured_at < w.w1 + s.gap_cap
                   AND NOT EXISTS (SELECT 1 FROM rollup_pending q WHERE q.bin_id = rd.bin_id AND q.measured_at = rd.measured_at)) p
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

-- V19's clearway_rollup_refresh; the readings it recomputes from skip those still pending.
CREATE OR REPLACE FUNCTION clearway_rollup_refresh(p_bins text[], p_days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    s rollup_settings;
BEGIN
    SELECT * INTO s FROM rollup_settings;
    INSERT INTO bin_days (bin_id, day)
    SELECT DISTINCT u.bin_id, u.day FROM unnest(p_bins, p_days) AS u(bin_id, day) ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    PERFORM 1
       FROM bin_days bd
       JOIN (SELECT DISTINCT u.bin_id, u.day FROM unnest(p_bins, p_days) AS u(bin_id, day)) k
         ON k.bin_id = bd.bin_id AND k.day = bd.day
      ORDER BY bd.bin_id, bd.day
        FOR UPDATE OF bd;
    WITH k AS (
        SELECT DISTINCT u.bin_id, u.day, (u.day::timestamp AT TIME ZONE 'UTC') AS d0,
               ((u.day + 1)::timestamp AT TIME ZONE 'UTC') AS d1
          FROM unnest(p_bins, p_days) AS u(bin_id, day)),
    r AS (
        SELECT k.bin_id, k.day, x.measured_at, x.fill_pct,
               lead(x.measured_at) OVER (PARTITION BY k.bin_id, k.day ORDER BY x.measured_at) AS next_at
          FROM k JOIN readings x ON x.bin_id = k.bin_id AND x.measured_at >= k.d0 - s.gap_cap AND x.measured_at < k.d1
         WHERE NOT EXISTS (SELECT 1 FROM rollup_pending q WHERE q.bin_id = x.bin_id AND q.measured_at = x.measured_at)),
    fresh AS (
        SELECT k.bin_id, k.day,
               count(r.measured_at) FILTER (WHERE r.measured_at >= k.d0) AS readings,
               count(DISTINCT floor(extract(epoch FROM r.measured_at) / extract(epoch FROM s.slot)::double precision))
                   FILTER (WHERE r.measured_at >= k.d0) AS observed,
               coalesce(sum(greatest(0, extract(epoch FROM
                       least(coalesce(r.next_at, k.d1), r.measured_at + s.gap_cap, k.d1) - greatest(r.measured_at, k.d0))
                       * 1000000)) FILTER (WHERE r.fill_pct >= s.overflow_pct), 0)::bigint AS overflow_us,
               min(r.measured_at) FILTER (WHERE r.measured_at >= k.d0) AS first_at,
               max(r.measured_at) FILTER (WHERE r.measured_at >= k.d0) AS last_at,
               min(r.fill_pct) FILTER (WHERE r.measured_at >= k.d0) AS fill_min,
               max(r.fill_pct) FILTER (WHERE r.measured_at >= k.d0) AS fill_max,
               coalesce(sum(r.fill_pct) FILTER (WHERE r.measured_at >= k.d0), 0) AS fill_sum
          FROM k LEFT JOIN r ON r.bin_id = k.bin_id AND r.day = k.day
         GROUP BY k.bin_id, k.day),
    old AS (
        SELECT bd.bin_id, bd.day, bd.readings, bd.observed, bd.overflow_us
          FROM bin_days bd JOIN k ON k.bin_id = bd.bin_id AND k.day = bd.day),
    written AS (
        UPDATE bin_days bd
           SET readings = f.readings, observed = f.observed, overflow_us = f.overflow_us, first_at = f.first_at,
               last_at = f.last_at, fill_min = f.fill_min, fill_max = f.fill_max, fill_sum = f.fill_sum
          FROM fresh f
         WHERE bd.bin_id = f.bin_id AND bd.day = f.day)
    INSERT INTO community_days AS cd (zone_id, day, stripe, readings, observed, overflow_us)
    SELECT b.zone_id, f.day, clearway_rollup_stripe(), sum(f.readings - o.readings), sum(f.observed - o.observed),
           sum(f.overflow_us - o.overflow_us)
      FROM fresh f
      JOIN old o ON o.bin_id = f.bin_id AND o.day = f.day
      JOIN bins b ON b.id = f.bin_id
     GROUP BY b.zone_id, f.day
    HAVING sum(f.readings - o.readings) <> 0 OR sum(f.observed - o.observed) <> 0
        OR sum(f.overflow_us - o.overflow_us) <> 0
     ORDER BY 1, 2
    ON CONFLICT (zone_id, day, stripe) DO UPDATE
       SET readings = cd.readings + EXCLUDED.readings, observed = cd.observed + EXCLUDED.observed,
           overflow_us = cd.overflow_us + EXCLUDED.overflow_us;
END $$;
