-- TimescaleDB's retention and compression policies follow the configuration, not the first start.
--
-- V2 fixed both policies when it first ran (retention from CLEARWAY_READINGS_RETENTION at that time,
-- compression after 7 days). Ingest now calls clearway_reconcile_readings_policies at every start with
-- the configured CLEARWAY_READINGS_RETENTION and CLEARWAY_READINGS_COMPRESS_AFTER, and the function
-- replaces a policy whose interval differs (remove_retention_policy / add_retention_policy,
-- remove_compression_policy / add_compression_policy:
-- https://docs.timescale.com/api/latest/data-retention/add_retention_policy/,
-- https://docs.timescale.com/api/latest/compression/add_compression_policy/; the policies' current
-- settings are read from timescaledb_information.jobs, whose config holds drop_after and
-- compress_after). On plain PostgreSQL (readings partitioned natively) it does nothing: ingest's
-- partition upkeep follows CLEARWAY_READINGS_RETENTION there at every run.
--
-- It also warns, once, where V2 created the extension inside this Clearway schema (a database migrated
-- before Migrations.apply ran db/prepare/timescaledb_schema.sql): dropping this schema would drop TimescaleDB for the whole
-- database. TimescaleDB cannot be moved with ALTER EXTENSION ... SET SCHEMA; the remedy is in the
-- README ("Storage").

CREATE FUNCTION clearway_reconcile_readings_policies(retention interval, compress_after interval)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    ts_schema   text;
    readings    regclass := to_regclass(quote_ident(current_schema()) || '.readings');
    current_drop     interval;
    current_compress interval;
    changed     text := '';
BEGIN
    SELECT n.nspname INTO ts_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'timescaledb';
    -- Two steps: without the extension, the timescaledb_information views do not exist to be planned.
    IF ts_schema IS NULL THEN
        RETURN 'no TimescaleDB: partition upkeep applies the retention';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                    WHERE hypertable_schema = current_schema() AND hypertable_name = 'readings') THEN
        RETURN 'readings is not a hypertable: partition upkeep applies the retention';
    END IF;
    -- Replicas start at the same moment.
    PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.readings_policies'));

    SELECT (config ->> 'drop_after')::interval INTO current_drop
      FROM timescaledb_information.jobs
     WHERE proc_name = 'policy_retention' AND hypertable_schema = current_schema()
       AND hypertable_name = 'readings';
    IF current_drop IS DISTINCT FROM retention THEN
        EXECUTE format('SELECT %I.remove_retention_policy(%L::regclass, if_exists => true)', ts_schema, readings);
        EXECUTE format('SELECT %I.add_retention_policy(%L::regclass, drop_after => %L::interval)',
                       ts_schema, readings, retention);
        changed := changed || format('retention %s -> %s; ', coalesce(current_drop::text, 'none'), retention);
    END IF;

    SELECT (config ->> 'compress_after')::interval INTO current_compress
      FROM timescaledb_information.jobs
     WHERE proc_name = 'policy_compression' AND hypertable_schema = current_schema()
       AND hypertable_name = 'readings';
    IF current_compress IS DISTINCT FROM compress_after THEN
        EXECUTE format('SELECT %I.remove_compression_policy(%L::regclass, if_exists => true)', ts_schema, readings);
        EXECUTE format('SELECT %I.add_compression_policy(%L::regclass, compress_after => %L::interval)',
                       ts_schema, readings, compress_after);
        changed := changed || format('compression after %s -> %s; ', coalesce(current_compress::text, 'none'),
                                     compress_after);
    END IF;
    RETURN changed;
END $$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                WHERE e.extname = 'timescaledb' AND n.nspname = current_schema()) THEN
        RAISE WARNING 'TimescaleDB lives in the Clearway schema %: dropping this schema would drop the extension '
                      'for the whole database. Never drop it; see the README, "Storage", to move the data out.',
                      current_schema();
    END IF;
END $$;
