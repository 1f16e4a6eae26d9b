-- Pickups per community per UTC day with a response-time histogram (issue 16; docs/assessment.md, "Pickups
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
