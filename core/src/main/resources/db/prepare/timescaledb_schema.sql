-- Runs before every migration (Migrations.apply runs it first, on one connection; idempotent; not a Flyway
-- callback, which would take a connection of its own beside Flyway's and starve a small pool). Where TimescaleDB is installed on the
-- server (available and preloaded) but not yet created in this database, it is created in a schema of
-- its own, `timescaledb`, never in a Clearway schema: a Clearway schema may be dropped (tests,
-- benchmarks, the fault command, an operator tidying up), and DROP SCHEMA ... CASCADE drops every
-- extension whose objects live there, for the whole database. V2 finds the extension wherever it is
-- (pg_extension) and calls its functions qualified, so it needs nothing on the search_path.
-- Where the database administrator created the extension already (the TimescaleDB images put it in
-- `public`), this does nothing.
-- TimescaleDB is relocatable at installation only, hence WITH SCHEMA here:
-- https://www.postgresql.org/docs/current/extend-extensions.html#EXTEND-EXTENSIONS-RELOCATION
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
       AND current_setting('shared_preload_libraries') LIKE '%timescaledb%'
       AND NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        CREATE SCHEMA IF NOT EXISTS timescaledb;
        CREATE EXTENSION IF NOT EXISTS timescaledb WITH SCHEMA timescaledb;
    END IF;
EXCEPTION
    -- Two services migrating at the same moment: the other one created it.
    WHEN duplicate_object OR unique_violation THEN
        NULL;
END $$;
