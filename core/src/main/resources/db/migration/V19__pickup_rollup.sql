-- Two parts (issue 16): the pickups roll-up, and below it community_days striped for concurrent ingest batches.
--
-- Pickups per community per UTC day with a response-time histogram (docs/assessment.md, "Pickups
-- roll-up"). The assessment's pickups (collected, verified, median and p90 of the response time) read this
-- instead of every collection of the period joined with its job.
--
-- pickup_days (community, UTC day of collected_at, bucket): the collections in that bucket of response time
-- (collected_at - jobs.created_at), how many of their jobs are verified now, and the least and greatest response
-- time in seconds (exact numerics). Fixed buckets (clearway_response_bucket): 5 minutes under 2 hours, 15 minutes
-- under 12 hours, 1 hour under 3 days, 6 hours under 14 days, 1 day under 92 days, one bucket below zero and one
-- from 92 days on. A percentile from the histogram is within its bucket's width (exact where the values it
-- falls between are alone in their bucket, or equal: min_s and max_s; AssessmentRollup's percentile).
--
-- Upkeep in the writer's transaction:
--   * collections INSERT (statement trigger, the new rows as a transition table; a COPY is one statement):
--     the jobs are share-locked in id order first, so a concurrent change of a job's state waits for this
--     transaction (and its own trigger then sees the collection), or this one sees the committed state;
--     then one upsert per (community, day, bucket) in key order;
--   * jobs UPDATE that makes a collected job verified or not (row trigger, WHEN): verified +1 or -1;
--   * anything else (a collection updated or deleted, a job's created_at changed): the keys touched are
--     recomputed from collections and jobs (clearway_pickup_refresh), under their row locks in key order.

CREATE FUNCTION clearway_response_bucket(s numeric) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN s < 0 THEN 0
                WHEN s < 7200 THEN 1 + floor(s / 300)::integer                -- 1..24: 5 minutes
                WHEN s < 43200 THEN 25 + floor((s - 7200) / 900)::integer     -- 25..64: 15 minutes
                WHEN s < 259200 THEN 65 + floor((s - 43200) / 3600)::integer  -- 65..124: 1 hour
                WHEN s < 1209600 THEN 125 + floor((s - 259200) / 21600)::integer -- 125..168: 6 hours
                WHEN s < 7948800 THEN 169 + floor((s - 1209600) / 86400)::integer -- 169..246: 1 day
                ELSE 247 END
$$;

CREATE TABLE pickup_days (
    zone_id   text    NOT NULL,
    day       date    NOT NULL,
    bucket    integer NOT NULL,
    collected bigint  NOT NULL DEFAULT 0,
    verified  bigint  NOT NULL DEFAULT 0,
    min_s     numeric,
    max_s     numeric,
    PRIMARY KEY (zone_id, day, bucket)
);

-- Recomputes the given (community, day, bucket) rows from collections and jobs. Row locks first (creating
-- missing rows, in key order), then the recomputation, whose fresh snapshot sees what the holder of a lock
-- committed.
CREATE FUNCTION clearway_pickup_refresh(p_zones text[], p_days date[], p_buckets integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pickup_days (zone_id, day, bucket)
    SELECT DISTINCT u.zone_id, u.day, u.bucket FROM unnest(p_zones, p_days, p_buckets) AS u(zone_id, day, bucket)
     ORDER BY 1, 2, 3
    ON CONFLICT DO NOTHING;
    PERFORM 1
       FROM pickup_days pd
       JOIN (SELECT DISTINCT u.zone_id, u.day, u.bucket FROM unnest(p_zones, p_days, p_buckets) AS u(zone_id, day, bucket)) k
         ON k.zone_id = pd.zone_id AND k.day = pd.day AND k.bucket = pd.bucket
      ORDER BY pd.zone_id, pd.day, pd.bucket
        FOR UPDATE OF pd;
    WITH k AS (
        SELECT DISTINCT u.zone_id, u.day, u.bucket FROM unnest(p_zones, p_days, p_buckets) AS u(zone_id, day, bucket)),
    x AS (
        SELECT c.zone_id, (c.collected_at AT TIME ZONE 'UTC')::date AS day, j.state = 'verified' AS verified,
               extract(epoch FROM c.collected_at - j.created_at) AS s
          FROM (SELECT DISTINCT k.zone_id, k.day FROM k) zd
          JOIN collections c ON c.zone_id = zd.zone_id
                            AND c.collected_at >= (zd.day::timestamp AT TIME ZONE 'UTC')
                            AND c.collected_at < ((zd.day + 1)::timestamp AT TIME ZONE 'UTC')
          JOIN jobs j ON j.id = c.job_id),
    fresh AS (
        SELECT k.zone_id, k.day, k.bucket, count(x.s) AS collected, count(x.s) FILTER (WHERE x.verified) AS verified,
               min(x.s) AS min_s, max(x.s) AS max_s
          FROM k LEFT JOIN x ON x.zone_id = k.zone_id AND x.day = k.day AND clearway_response_bucket(x.s) = k.bucket
         GROUP BY k.zone_id, k.day, k.bucket)
    UPDATE pickup_days pd
       SET collected = f.collected, verified = f.verified, min_s = f.min_s, max_s = f.max_s
      FROM fresh f
     WHERE pd.zone_id = f.zone_id AND pd.day = f.day AND pd.bucket = f.bucket;
END $$;

CREATE FUNCTION collections_pickup_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM 1 FROM jobs j WHERE j.id IN (SELECT n.job_id FROM new_rows n) ORDER BY j.id FOR SHARE OF j;
        INSERT INTO pickup_days AS pd (zone_id, day, bucket, collected, verified, min_s, max_s)
        SELECT n.zone_id, (n.collected_at AT TIME ZONE 'UTC')::date, clearway_response_bucket(x.s), count(*),
               count(*) FILTER (WHERE j.state = 'verified'), min(x.s), max(x.s)
          FROM new_rows n
          JOIN jobs j ON j.id = n.job_id
         CROSS JOIN LATERAL (SELECT extract(epoch FROM n.collected_at - j.created_at) AS s) x
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3
        ON CONFLICT (zone_id, day, bucket) DO UPDATE
           SET collected = pd.collected + EXCLUDED.collected, verified = pd.verified + EXCLUDED.verified,
               min_s = least(pd.min_s, EXCLUDED.min_s), max_s = greatest(pd.max_s, EXCLUDED.max_s);
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        PERFORM clearway_pickup_refresh(array_agg(k.zone_id), array_agg(k.day), array_agg(k.bucket))
           FROM (SELECT o.zone_id, (o.collected_at AT TIME ZONE 'UTC')::date AS day,
                        clearway_response_bucket(extract(epoch FROM o.collected_at - j.created_at)) AS bucket
                   FROM old_rows o JOIN jobs j ON j.id = o.job_id
                 UNION
                 SELECT n.zone_id, (n.collected_at AT TIME ZONE 'UTC')::date,
                        clearway_response_bucket(extract(epoch FROM n.collected_at - j.created_at))
                   FROM new_rows n JOIN jobs j ON j.id = n.job_id) k;
    ELSE
        PERFORM clearway_pickup_refresh(array_agg(k.zone_id), array_agg(k.day), array_agg(k.bucket))
           FROM (SELECT o.zone_id, (o.collected_at AT TIME ZONE 'UTC')::date AS day,
                        clearway_response_bucket(extract(epoch FROM o.collected_at - j.created_at)) AS bucket
                   FROM old_rows o JOIN jobs j ON j.id = o.job_id) k;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION jobs_pickup_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.created_at IS DISTINCT FROM NEW.created_at THEN
        PERFORM clearway_pickup_refresh(array_agg(c.zone_id), array_agg((c.collected_at AT TIME ZONE 'UTC')::date),
                                        array_agg(clearway_response_bucket(extract(epoch FROM c.collected_at - t.created_at))))
           FROM collections c CROSS JOIN (VALUES (OLD.created_at), (NEW.created_at)) AS t(created_at)
          WHERE c.job_id = NEW.id
         HAVING count(*) > 0;
    ELSE
        UPDATE pickup_days pd
           SET verified = pd.verified + CASE WHEN NEW.state = 'verified' THEN 1 ELSE -1 END
          FROM collections c
         WHERE c.job_id = NEW.id AND pd.zone_id = c.zone_id AND pd.day = (c.collected_at AT TIME ZONE 'UTC')::date
           AND pd.bucket = clearway_response_bucket(extract(epoch FROM c.collected_at - NEW.created_at));
    END IF;
    RETURN NULL;
END $$;

-- Rebuilds pickup_days from collections and jobs (the backfill below; a check in tests).
CREATE FUNCTION clearway_pickup_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    LOCK TABLE pickup_days IN EXCLUSIVE MODE;
    DELETE FROM pickup_days;
    INSERT INTO pickup_days (zone_id, day, bucket, collected, verified, min_s, max_s)
    SELECT c.zone_id, (c.collected_at AT TIME ZONE 'UTC')::date, clearway_response_bucket(x.s), count(*),
           count(*) FILTER (WHERE j.state = 'verified'), min(x.s), max(x.s)
      FROM collections c
      JOIN jobs j ON j.id = c.job_id
     CROSS JOIN LATERAL (SELECT extract(epoch FROM c.collected_at - j.created_at) AS s) x
     GROUP BY 1, 2, 3;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;

CREATE TRIGGER collections_pickup_insert AFTER INSERT ON collections REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION collections_pickup_upkeep();
CREATE TRIGGER collections_pickup_update AFTER UPDATE ON collections
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION collections_pickup_upkeep();
CREATE TRIGGER collections_pickup_delete AFTER DELETE ON collections REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION collections_pickup_upkeep();
CREATE TRIGGER jobs_pickup_upkeep AFTER UPDATE OF state, created_at ON jobs
    FOR EACH ROW
    WHEN ((OLD.state = 'verified') IS DISTINCT FROM (NEW.state = 'verified') OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION jobs_pickup_upkeep();

CREATE FUNCTION collections_pickup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM pickup_days;
    RETURN NULL;
END $$;

CREATE TRIGGER collections_pickup_truncate AFTER TRUNCATE ON collections
    FOR EACH STATEMENT EXECUTE FUNCTION collections_pickup_truncate();

SELECT clearway_pickup_rebuild();

-- Roll-up cost under concurrent ingest (issue 16): community_days had one row per community and day, and every
-- ingest batch's trigger upserted it, holding its row lock until the batch committed: two writers of one
-- community's day (the common case: all the bins of a community report every hour) waited for each other from the
-- first one's trigger to its commit, whatever bins they wrote. Now each (community, day) is split over up to
-- eight stripes and a transaction adds its differences to a stripe no other running transaction holds (a
-- transaction-level advisory lock per stripe, tried without waiting; when all eight are taken, it waits on one).
-- Readers sum the stripes (the assessment always did: sum(...) GROUP BY zone_id). The (bin, day) row locks of
-- bin_days are unchanged: two writers of the same bin's day still take turns, as exactness needs.

ALTER TABLE community_days ADD COLUMN stripe smallint NOT NULL DEFAULT 0 CHECK (stripe BETWEEN 0 AND 7);
ALTER TABLE community_days DROP CONSTRAINT community_days_pkey;
ALTER TABLE community_days ADD PRIMARY KEY (zone_id, day, stripe);

-- The stripe of community_days this transaction writes (kept for the transaction in clearway.rollup_stripe).
CREATE FUNCTION clearway_rollup_stripe() RETURNS smallint LANGUAGE plpgsql AS $$
DECLARE
    chosen text := current_setting('clearway.rollup_stripe', true);
    first  integer := pg_backend_pid() % 8;
BEGIN
    IF chosen IS NOT NULL AND chosen <> '' THEN
        RETURN chosen::smallint;
    END IF;
    FOR i IN 0..7 LOOP
        IF pg_try_advisory_xact_lock(1668245356, (first + i) % 8) THEN
            PERFORM set_config('clearway.rollup_stripe', ((first + i) % 8)::text, true);
            RETURN (first + i) % 8;
        END IF;
    END LOOP;
    PERFORM set_config('clearway.rollup_stripe', first::text, true);
    RETURN first;
END $$;

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
          FROM k JOIN readings x ON x.bin_id = k.bin_id AND x.measured_at >= k.d0 - s.gap_cap AND x.measured_at < k.d1),
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

CREATE OR REPLACE FUNCTION clearway_rollup_add(p_bins text[], p_times timestamptz[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    s       rollup_settings;
    slot_s  double precision;
BEGIN
    SELECT * INTO s FROM rollup_settings;
    slot_s := extract(epoch FROM s.slot);
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
               to_timestamp(ceil(extract(epoch FROM max(n.measured_at) + s.gap_cap) / slot_s) * slot_s) AS w1
          FROM n GROUP BY n.bin_id),
    k AS (
        SELECT DISTINCT n.bin_id, g::date AS day, (g AT TIME ZONE 'UTC') AS d0, ((g + interval '1 day') AT TIME ZONE 'UTC') AS d1
          FROM n
         CROSS JOIN LATERAL generate_series(((n.measured_at - s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                            ((n.measured_at + s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                            interval '1 day') AS g),
    r0 AS (
        SELECT w.bin_id, w.w0, w.w1, x.measured_at, x.fill_pct
          FROM w CROSS JOIN LATERAL (
                SELECT rd.measured_at, rd.fill_pct
                  FROM readings rd
                 WHERE rd.bin_id = w.bin_id AND rd.measured_at >= w.w0 AND rd.measured_at < w.w1 + s.gap_cap) x),
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

CREATE OR REPLACE FUNCTION bins_rollup_zone() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_zone text := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN OLD.zone_id END;
    new_zone text := CASE WHEN TG_OP IN ('UPDATE', 'INSERT') THEN NEW.zone_id END;
    bin      text := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
BEGIN
    IF old_zone IS NOT DISTINCT FROM new_zone THEN
        RETURN NULL;
    END IF;
    INSERT INTO community_days AS cd (zone_id, day, stripe, readings, observed, overflow_us)
    SELECT m.zone_id, bd.day, clearway_rollup_stripe(), sum(m.sign * bd.readings), sum(m.sign * bd.observed), sum(m.sign * bd.overflow_us)
      FROM bin_days bd
     CROSS JOIN (VALUES (old_zone, -1), (new_zone, 1)) AS m(zone_id, sign)
     WHERE bd.bin_id = bin AND m.zone_id IS NOT NULL
     GROUP BY m.zone_id, bd.day
     ORDER BY m.zone_id, bd.day
    ON CONFLICT (zone_id, day, stripe) DO UPDATE
       SET readings = cd.readings + EXCLUDED.readings, observed = cd.observed + EXCLUDED.observed,
           overflow_us = cd.overflow_us + EXCLUDED.overflow_us;
    RETURN NULL;
END $$;
