-- Roll-ups that keep a quarter of history cheap to read (issue 16; docs/assessment.md, "Roll-ups").
--
-- bin_days: per bin and UTC day, the day's readings, the report slots with at least one reading, the
-- overflow time in microseconds and fill statistics. community_days: the same sums per community
-- (bins.zone_id) and day. The assessment reads these instead of every reading of the period.
--
-- Definitions (rollup_settings holds the three parameters; the assessment uses the roll-ups only when its
-- own settings equal them, and falls back to the readings otherwise):
--   * readings, first_at, last_at, fill_*: the readings of the bin measured in [day, day + 1);
--   * observed: distinct slots floor(epoch(measured_at) / slot) among those readings;
--   * overflow_us: every reading with fill_pct >= overflow_pct counts from its time until the bin's next
--     reading, at most gap_cap; that stretch clipped to [day, day + 1). Summed over days, this is exactly the
--     assessment's overflow time over any period whose ends are UTC midnights.
--
-- Upkeep, in the transaction that writes the readings: a statement-level trigger on readings takes the
-- statement's rows (a transition table: one ingest batch is one INSERT). New rows are added by difference
-- (clearway_rollup_add: the readings within the gap cap of the new ones, with and without them); deleted or updated
-- rows make the days they touch be recomputed from the raw readings (clearway_rollup_refresh). Either way the
-- result is exactly what a recomputation from scratch gives, late and out-of-order readings included. Concurrent
-- writers of one bin's day are serialised by the (bin, day) row lock, taken in key order before the readings are
-- read. community_days gets the differences; a bin moving to another community moves its sums (trigger on bins).
--
-- TimescaleDB: a hypertable does not support transition tables, and a continuous aggregate cannot compute
-- the overflow stretches (they need the next reading, a window function). Where readings is a hypertable the
-- tables are created but not maintained (rollup_settings.maintained = false) and the assessment reads the
-- readings; docs/assessment.md says so.
--
-- Retention drops old readings partitions but not their roll-ups: the history outlives the raw data.

CREATE TABLE rollup_settings (
    id           boolean PRIMARY KEY DEFAULT true CHECK (id),
    overflow_pct double precision NOT NULL DEFAULT 100 CHECK (overflow_pct > 0 AND overflow_pct <= 100),
    gap_cap      interval NOT NULL DEFAULT interval '2 hours'
                     CHECK (gap_cap >= interval '1 minute' AND gap_cap <= interval '7 days'),
    slot         interval NOT NULL DEFAULT interval '1 hour'
                     CHECK (slot >= interval '1 minute' AND slot <= interval '1 day'
                            AND 86400 % extract(epoch FROM slot) = 0),
    maintained   boolean NOT NULL
);

CREATE TABLE bin_days (
    bin_id      text    NOT NULL,
    day         date    NOT NULL,
    readings    integer NOT NULL DEFAULT 0,
    observed    integer NOT NULL DEFAULT 0,
    overflow_us bigint  NOT NULL DEFAULT 0,
    first_at    timestamptz,
    last_at     timestamptz,
    fill_min    double precision,
    fill_max    double precision,
    fill_sum    double precision NOT NULL DEFAULT 0,
    PRIMARY KEY (bin_id, day)
);

CREATE TABLE community_days (
    zone_id     text   NOT NULL,
    day         date   NOT NULL,
    readings    bigint NOT NULL DEFAULT 0,
    observed    bigint NOT NULL DEFAULT 0,
    overflow_us bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (zone_id, day)
);

-- Recomputes the bin_days rows of the given (bin, day) pairs from the readings and moves the differences
-- into community_days. Three statements: the row locks first (creating missing rows, in key order), then the
-- recomputation, whose fresh snapshot sees what a writer that held the locks before committed.
CREATE FUNCTION clearway_rollup_refresh(p_bins text[], p_days date[]) RETURNS void LANGUAGE plpgsql AS $$
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
    INSERT INTO community_days AS cd (zone_id, day, readings, observed, overflow_us)
    SELECT b.zone_id, f.day, sum(f.readings - o.readings), sum(f.observed - o.observed),
           sum(f.overflow_us - o.overflow_us)
      FROM fresh f
      JOIN old o ON o.bin_id = f.bin_id AND o.day = f.day
      JOIN bins b ON b.id = f.bin_id
     GROUP BY b.zone_id, f.day
    HAVING sum(f.readings - o.readings) <> 0 OR sum(f.observed - o.observed) <> 0
        OR sum(f.overflow_us - o.overflow_us) <> 0
     ORDER BY 1, 2
    ON CONFLICT (zone_id, day) DO UPDATE
       SET readings = cd.readings + EXCLUDED.readings, observed = cd.observed + EXCLUDED.observed,
           overflow_us = cd.overflow_us + EXCLUDED.overflow_us;
END $$;

-- The (bin, day) pairs a set of readings can change: the days from measured_at - gap_cap to + gap_cap.
CREATE FUNCTION clearway_rollup_touch(p_bins text[], p_times timestamptz[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    bins text[];
    days date[];
BEGIN
    SELECT array_agg(k.bin_id), array_agg(k.day) INTO bins, days
      FROM (SELECT DISTINCT u.bin_id, g::date AS day
              FROM unnest(p_bins, p_times) AS u(bin_id, measured_at)
             CROSS JOIN rollup_settings s
             CROSS JOIN LATERAL generate_series(((u.measured_at - s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                                ((u.measured_at + s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                                interval '1 day') AS g) k;
    IF bins IS NOT NULL THEN
        PERFORM clearway_rollup_refresh(bins, days);
    END IF;
END $$;

-- Adds newly inserted readings without reading whole days: under the same (bin, day) row locks, only the
-- readings within the gap cap of the new ones (widened to whole slots) are read, and each figure gets the difference
-- between the window with and without the new readings: the counts, the observed slots, the overflow time of the
-- readings whose next reading changed. Exact like a recomputation (a reading before the window cannot have a new
-- next reading within its gap cap; one after it does not change). fill_min/max, first_at/last_at only grow outward.
CREATE FUNCTION clearway_rollup_add(p_bins text[], p_times timestamptz[]) RETURNS void LANGUAGE plpgsql AS $$
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
    INSERT INTO community_days AS cd (zone_id, day, readings, observed, overflow_us)
    SELECT b.zone_id, d.day, sum(d.readings), sum(d.observed), sum(d.overflow_us)
      FROM delta d JOIN bins b ON b.id = d.bin_id
     GROUP BY b.zone_id, d.day
    HAVING sum(d.readings) <> 0 OR sum(d.observed) <> 0 OR sum(d.overflow_us) <> 0
     ORDER BY 1, 2
    ON CONFLICT (zone_id, day) DO UPDATE
       SET readings = cd.readings + EXCLUDED.readings, observed = cd.observed + EXCLUDED.observed,
           overflow_us = cd.overflow_us + EXCLUDED.overflow_us;
END $$;

CREATE FUNCTION readings_rollup_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

CREATE FUNCTION readings_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE bin_days, community_days;
    RETURN NULL;
END $$;

-- Moves a bin's sums to its new community (and adds a bin registered after its readings were stored). One
-- statement over both communities in (zone, day) order, the order ingest's upkeep locks them in: no deadlock.
CREATE FUNCTION bins_rollup_zone() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_zone text := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN OLD.zone_id END;
    new_zone text := CASE WHEN TG_OP IN ('UPDATE', 'INSERT') THEN NEW.zone_id END;
    bin      text := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
BEGIN
    IF old_zone IS NOT DISTINCT FROM new_zone THEN
        RETURN NULL;
    END IF;
    INSERT INTO community_days AS cd (zone_id, day, readings, observed, overflow_us)
    SELECT m.zone_id, bd.day, sum(m.sign * bd.readings), sum(m.sign * bd.observed), sum(m.sign * bd.overflow_us)
      FROM bin_days bd
     CROSS JOIN (VALUES (old_zone, -1), (new_zone, 1)) AS m(zone_id, sign)
     WHERE bd.bin_id = bin AND m.zone_id IS NOT NULL
     GROUP BY m.zone_id, bd.day
     ORDER BY m.zone_id, bd.day
    ON CONFLICT (zone_id, day) DO UPDATE
       SET readings = cd.readings + EXCLUDED.readings, observed = cd.observed + EXCLUDED.observed,
           overflow_us = cd.overflow_us + EXCLUDED.overflow_us;
    RETURN NULL;
END $$;

-- Rebuilds both roll-ups from the readings (the backfill below; again after changing rollup_settings).
CREATE FUNCTION clearway_rollup_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    TRUNCATE bin_days, community_days;
    PERFORM clearway_rollup_refresh(array_agg(k.bin_id), array_agg(k.day))
       FROM (SELECT DISTINCT r.bin_id, g::date AS day
               FROM readings r
              CROSS JOIN rollup_settings s
              CROSS JOIN LATERAL generate_series(((r.measured_at - s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                                 ((r.measured_at + s.gap_cap) AT TIME ZONE 'UTC')::date::timestamp,
                                                 interval '1 day') AS g) k;
    SELECT count(*) INTO n FROM bin_days;
    RETURN n;
END $$;

DO $$
DECLARE
    partitioned boolean := (SELECT c.relkind = 'p' FROM pg_class c
                             WHERE c.oid = to_regclass(quote_ident(current_schema()) || '.readings'));
BEGIN
    INSERT INTO rollup_settings (maintained) VALUES (partitioned);
    IF partitioned THEN
        CREATE TRIGGER readings_rollup_insert AFTER INSERT ON readings REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION readings_rollup_upkeep();
        CREATE TRIGGER readings_rollup_update AFTER UPDATE ON readings
            REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION readings_rollup_upkeep();
        CREATE TRIGGER readings_rollup_delete AFTER DELETE ON readings REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION readings_rollup_upkeep();
        CREATE TRIGGER readings_rollup_truncate AFTER TRUNCATE ON readings
            FOR EACH STATEMENT EXECUTE FUNCTION readings_rollup_truncate();
        CREATE TRIGGER bins_rollup_zone AFTER INSERT OR UPDATE OF zone_id OR DELETE ON bins
            FOR EACH ROW EXECUTE FUNCTION bins_rollup_zone();
        PERFORM clearway_rollup_rebuild();
    ELSE
        RAISE NOTICE 'readings is not a partitioned table (TimescaleDB hypertable?): roll-ups not maintained, '
                     'the assessment reads the readings';
    END IF;
END $$;
