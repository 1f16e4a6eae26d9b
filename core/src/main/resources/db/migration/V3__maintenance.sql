-- Partition maintenance for the plain-PostgreSQL path (no-ops on a TimescaleDB hypertable, whose
-- policies do the same work). Partitions are daily, named readings_pYYYYMMDD, bounded in UTC.

CREATE FUNCTION clearway_readings_partitioned() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM pg_partitioned_table p
                    WHERE p.partrelid = to_regclass(quote_ident(current_schema()) || '.readings'));
$$;

-- Creates the missing daily partitions covering [from_day, to_day]; returns how many it created.
CREATE FUNCTION clearway_ensure_reading_partitions(from_day date, to_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    day     date;
    created integer := 0;
    part    text;
BEGIN
    IF NOT clearway_readings_partitioned() THEN
        RETURN 0;
    END IF;
    -- Replicas may run this at the same moment.
    PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.readings_partitions'));
    day := from_day;
    WHILE day <= to_day LOOP
        part := 'readings_p' || to_char(day, 'YYYYMMDD');
        IF to_regclass(quote_ident(current_schema()) || '.' || part) IS NULL THEN
            EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.readings FOR VALUES FROM (%L) TO (%L)',
                           current_schema(), part, current_schema(),
                           day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END $$;

-- Drops the daily partitions that end on or before older_than; returns how many it dropped.
CREATE FUNCTION clearway_drop_reading_partitions(older_than timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    part    record;
    dropped integer := 0;
BEGIN
    IF NOT clearway_readings_partitioned() THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.readings_partitions'));
    FOR part IN
        SELECT c.relname
          FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = to_regclass(quote_ident(current_schema()) || '.readings')
           AND c.relname ~ '^readings_p[0-9]{8}$'
    LOOP
        IF (to_date(substring(part.relname FROM 11), 'YYYYMMDD') + 1)::timestamp AT TIME ZONE 'UTC' <= older_than THEN
            EXECUTE format('DROP TABLE %I.%I', current_schema(), part.relname);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END $$;
