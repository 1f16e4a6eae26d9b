-- The volumes roll-up (issue 16, item 1; docs/assessment.md, "Volumes roll-up"). The assessment's collected volume
-- and weight by stream summed every collection of the period: for the whole city a scan of all of them, the part
-- of its time that still grew with the history once bin-days, overflow, uptime and pickups came from roll-ups.
--
-- volume_days (community, UTC day of collected_at, stream): how many collections, and the sums of volume_l and
-- weight_kg, as exact numerics: each double is taken as numeric (float8 -> numeric, 15 significant digits, as
-- PostgreSQL casts it) and the sums are exact, so they do not depend on the order rows were added or removed in,
-- and the assessment's reference query (every collection, CLEARWAY_ASSESSMENT_ROLLUPS=false) sums the same way.
-- A collection with no volume (or weight) recorded adds 0 to that sum and 1 to the count. Keys with no collection
-- left are deleted, so the table holds exactly the rows clearway_volume_rebuild() would make.
--
-- Kept in the writer's transaction by statement-level triggers (the statement's rows as transition tables; a COPY is
-- one statement): an INSERT adds its rows, a DELETE subtracts them, an UPDATE (a correction of a volume, a weight, a
-- time, a zone or a stream) subtracts the old rows and adds the new ones; each as one upsert per (community, day,
-- stream) in key order, so two writers never deadlock on it (the second waits for the first's commit on a shared
-- key, as for pickup_days). Differences of exact numerics are exact, so no key needs recomputing from the raw rows.
-- A TRUNCATE of collections empties it.
--
-- TimescaleDB: collections is a plain table there too (only readings is a hypertable), so the same table and
-- triggers apply; no continuous aggregate is needed.

CREATE TABLE volume_days (
    zone_id     text    NOT NULL,
    day         date    NOT NULL,
    stream      text    NOT NULL,
    collections bigint  NOT NULL,
    volume_l    numeric NOT NULL,
    weight_kg   numeric NOT NULL,
    PRIMARY KEY (zone_id, day, stream)
);

-- Adds the signed rows of one statement (+1 new, -1 old) to volume_days: one upsert per key in key order, then the
-- keys left with no collection are deleted.
CREATE FUNCTION clearway_volume_add(p_zones text[], p_days date[], p_streams text[], p_signs integer[],
                                    p_volumes numeric[], p_weights numeric[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO volume_days AS v (zone_id, day, stream, collections, volume_l, weight_kg)
    SELECT u.zone_id, u.day, u.stream, sum(u.sign), coalesce(sum(u.sign * u.volume_l), 0),
           coalesce(sum(u.sign * u.weight_kg), 0)
      FROM unnest(p_zones, p_days, p_streams, p_signs, p_volumes, p_weights)
           AS u(zone_id, day, stream, sign, volume_l, weight_kg)
     GROUP BY 1, 2, 3
    HAVING sum(u.sign) <> 0 OR coalesce(sum(u.sign * u.volume_l), 0) <> 0 OR coalesce(sum(u.sign * u.weight_kg), 0) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (zone_id, day, stream) DO UPDATE
       SET collections = v.collections + EXCLUDED.collections, volume_l = v.volume_l + EXCLUDED.volume_l,
           weight_kg = v.weight_kg + EXCLUDED.weight_kg;
    IF -1 = ANY (p_signs) THEN
        DELETE FROM volume_days v
         USING (SELECT DISTINCT u.zone_id, u.day, u.stream FROM unnest(p_zones, p_days, p_streams, p_signs)
                    AS u(zone_id, day, stream, sign) WHERE u.sign < 0) k
         WHERE v.zone_id = k.zone_id AND v.day = k.day AND v.stream = k.stream AND v.collections = 0;
    END IF;
END $$;

CREATE FUNCTION collections_volume_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM clearway_volume_add(array_agg(d.zone_id), array_agg(d.day), array_agg(d.stream), array_agg(d.sign),
                                    array_agg(d.volume_l), array_agg(d.weight_kg))
           FROM (SELECT n.zone_id, (n.collected_at AT TIME ZONE 'UTC')::date AS day, n.stream, 1 AS sign,
                        n.volume_l::numeric AS volume_l, n.weight_kg::numeric AS weight_kg
                   FROM new_rows n) d;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM clearway_volume_add(array_agg(d.zone_id), array_agg(d.day), array_agg(d.stream), array_agg(d.sign),
                                    array_agg(d.volume_l), array_agg(d.weight_kg))
           FROM (SELECT o.zone_id, (o.collected_at AT TIME ZONE 'UTC')::date AS day, o.stream, -1 AS sign,
                        o.volume_l::numeric AS volume_l, o.weight_kg::numeric AS weight_kg
                   FROM old_rows o
                 UNION ALL
                 SELECT n.zone_id, (n.collected_at AT TIME ZONE 'UTC')::date, n.stream, 1,
                        n.volume_l::numeric, n.weight_kg::numeric
                   FROM new_rows n) d;
    ELSE
        PERFORM clearway_volume_add(array_agg(d.zone_id), array_agg(d.day), array_agg(d.stream), array_agg(d.sign),
                                    array_agg(d.volume_l), array_agg(d.weight_kg))
           FROM (SELECT o.zone_id, (o.collected_at AT TIME ZONE 'UTC')::date AS day, o.stream, -1 AS sign,
                        o.volume_l::numeric AS volume_l, o.weight_kg::numeric AS weight_kg
                   FROM old_rows o) d;
    END IF;
    RETURN NULL;
END $$;

-- Rebuilds volume_days from collections (the backfill below; a check in tests; the read benchmark's city).
CREATE FUNCTION clearway_volume_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    LOCK TABLE volume_days IN EXCLUSIVE MODE;
    DELETE FROM volume_days;
    INSERT INTO volume_days (zone_id, day, stream, collections, volume_l, weight_kg)
    SELECT c.zone_id, (c.collected_at AT TIME ZONE 'UTC')::date, c.stream, count(*),
           coalesce(sum(c.volume_l::numeric), 0), coalesce(sum(c.weight_kg::numeric), 0)
      FROM collections c
     GROUP BY 1, 2, 3;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;

CREATE TRIGGER collections_volume_insert AFTER INSERT ON collections REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION collections_volume_upkeep();
CREATE TRIGGER collections_volume_update AFTER UPDATE ON collections
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION collections_volume_upkeep();
CREATE TRIGGER collections_volume_delete AFTER DELETE ON collections REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION collections_volume_upkeep();

CREATE FUNCTION collections_volume_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM volume_days;
    RETURN NULL;
END $$;

CREATE TRIGGER collections_volume_truncate AFTER TRUNCATE ON collections
    FOR EACH STATEMENT EXECUTE FUNCTION collections_volume_truncate();

-- The backfill for a city already in the field. Collections written while this migration runs wait for it: the
-- triggers exist from here on, and the rebuild reads every committed collection under its lock.
LOCK TABLE collections IN SHARE MODE;
SELECT clearway_volume_rebuild();
