-- A read-only database role for Grafana users who may see one zone only (issue 15), as deploy/README.md
-- ("A zone-scoped Grafana") describes. Run it as the database owner, once per zone, after the services migrated:
--
--   psql "$DATABASE_URL" -v zone=d-north -v reader=grafana_zone_north -v password="$PASSWORD" -f zone-reader.sql
--
-- It makes a schema zone_<zone> holding one view per table the dashboards and alert rules read, each cut to the zone
-- and everything under it (its bins and what belongs to them: readings, state, jobs, collections, reports, rejects),
-- and a LOGIN role that may read that schema only, with its search_path set to it: the provisioned dashboards, whose
-- queries name the tables without a schema, show that zone alone. Trucks and facilities serve the whole city and are
-- shown as they are; a route keeps its unload, break and depot stops and only the bin stops of the zone, as the API
-- does. The views run with their owner's rights (PostgreSQL's default), so the role needs no right on the tables.
-- Run it again to change the views (CREATE OR REPLACE); the role is created when missing.
-- Optional: -v source=<schema> when the services' tables are not in public.
\set ON_ERROR_STOP on
\if :{?source}
\else
  \set source public
\endif
\set schema zone_ :zone
BEGIN;
CREATE SCHEMA IF NOT EXISTS :"schema";
CREATE OR REPLACE VIEW :"schema".zone_scope AS
    WITH RECURSIVE t(id) AS (
        SELECT z.id FROM :"source".zones z WHERE z.id = :'zone'
        UNION
        SELECT c.id FROM :"source".zones c JOIN t ON c.parent_id = t.id)
    SELECT id FROM t;
CREATE OR REPLACE VIEW :"schema".zones WITH (security_barrier) AS
    SELECT * FROM :"source".zones WHERE id IN (SELECT id FROM :"schema".zone_scope);
CREATE OR REPLACE VIEW :"schema".bins WITH (security_barrier) AS
    SELECT * FROM :"source".bins WHERE zone_id IN (SELECT id FROM :"schema".zone_scope);
CREATE OR REPLACE VIEW :"schema".bin_state WITH (security_barrier) AS
    SELECT * FROM :"source".bin_state WHERE bin_id IN (SELECT id FROM :"schema".bins);
CREATE OR REPLACE VIEW :"schema".readings WITH (security_barrier) AS
    SELECT * FROM :"source".readings WHERE bin_id IN (SELECT id FROM :"schema".bins);
CREATE OR REPLACE VIEW :"schema".rejected_messages WITH (security_barrier) AS
    SELECT * FROM :"source".rejected_messages WHERE bin_id IN (SELECT id FROM :"schema".bins);
CREATE OR REPLACE VIEW :"schema".jobs WITH (security_barrier) AS
    SELECT * FROM :"source".jobs WHERE bin_id IN (SELECT id FROM :"schema".bins);
CREATE OR REPLACE VIEW :"schema".job_events WITH (security_barrier) AS
    SELECT * FROM :"source".job_events WHERE job_id IN (SELECT id FROM :"schema".jobs);
CREATE OR REPLACE VIEW :"schema".unplanned_emptyings WITH (security_barrier) AS
    SELECT * FROM :"source".unplanned_emptyings WHERE bin_id IN (SELECT id FROM :"schema".bins);
CREATE OR REPLACE VIEW :"schema".collections WITH (security_barrier) AS
    SELECT * FROM :"source".collections WHERE zone_id IN (SELECT id FROM :"schema".zone_scope);
CREATE OR REPLACE VIEW :"schema".citizen_reports WITH (security_barrier) AS
    SELECT * FROM :"source".citizen_reports WHERE zone_id IN (SELECT id FROM :"schema".zone_scope);
-- The rounds of the zone's district (a zone under a district sees its district's rounds; a city-level reader all of
-- the districts it holds).
CREATE OR REPLACE VIEW :"schema".rounds WITH (security_barrier) AS
    WITH RECURSIVE up(id, parent_id) AS (
        SELECT z.id, z.parent_id FROM :"source".zones z WHERE z.id = :'zone'
        UNION
        SELECT p.id, p.parent_id FROM :"source".zones p JOIN up ON p.id = up.parent_id)
    SELECT * FROM :"source".rounds
     WHERE district_id IN (SELECT id FROM up) OR district_id IN (SELECT id FROM :"schema".zone_scope);
CREATE OR REPLACE VIEW :"schema".waste_streams AS SELECT * FROM :"source".waste_streams;
CREATE OR REPLACE VIEW :"schema".facilities AS SELECT * FROM :"source".facilities;
CREATE OR REPLACE VIEW :"schema".trucks AS SELECT * FROM :"source".trucks;
CREATE OR REPLACE VIEW :"schema".truck_positions AS SELECT * FROM :"source".truck_positions;
CREATE OR REPLACE VIEW :"schema".truck_shifts AS SELECT * FROM :"source".truck_shifts;
CREATE OR REPLACE VIEW :"schema".routes WITH (security_barrier) AS
    SELECT r.id, r.truck_id, r.shift_date, r.revision, r.created_at, r.cause, r.stops, r.distance_km, r.duration_min,
           jsonb_set(r.message, '{stops}', coalesce((
               SELECT jsonb_agg(e.s ORDER BY e.ord)
                 FROM jsonb_array_elements(coalesce(r.message -> 'stops', '[]'::jsonb)) WITH ORDINALITY AS e(s, ord)
                WHERE e.s ->> 'kind' <> 'bin' OR e.s ->> 'binId' IN (SELECT id FROM :"schema".bins)), '[]'::jsonb))
               AS message,
           r.announced_at
      FROM :"source".routes r;
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'reader') AS create_role \gset
\if :create_role
  CREATE ROLE :"reader" LOGIN PASSWORD :'password';
\endif
GRANT USAGE ON SCHEMA :"schema" TO :"reader";
GRANT SELECT ON ALL TABLES IN SCHEMA :"schema" TO :"reader";
ALTER ROLE :"reader" SET search_path = :"schema";
ALTER ROLE :"reader" SET default_transaction_read_only = on;
ALTER ROLE :"reader" SET statement_timeout = '30s';
COMMIT;
