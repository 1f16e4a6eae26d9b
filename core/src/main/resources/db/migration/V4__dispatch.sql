-- Dispatch: the fleet (facilities, trucks), clearance jobs and their history, the decision state per
-- bin, emptyings no job explains, and the collections the city reports on. Plain PostgreSQL; works
-- alike with TimescaleDB installed. docs/dispatch.md describes every table.

-- The elements of a stream list that are not known waste streams. A CHECK cannot look into another
-- table, so triggers use this: on facilities and trucks when they are written, and on waste_streams
-- so that a stream the fleet uses is not deleted or renamed.
CREATE FUNCTION clearway_unknown_streams(streams text[]) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(s ORDER BY s), '{}')
      FROM unnest(streams) AS s
     WHERE NOT EXISTS (SELECT 1 FROM waste_streams w WHERE w.code = s);
$$;

-- Depots (where trucks start and end their shift), transfer stations and treatment plants (where
-- trucks unload). accepted_streams: what a facility takes in; a depot takes nothing.
CREATE TABLE facilities (
    id               text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    kind             text NOT NULL CHECK (kind IN ('depot', 'transfer_station', 'treatment_plant')),
    name             text NOT NULL,
    lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon              double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    accepted_streams text[] NOT NULL DEFAULT '{}' CHECK (array_position(accepted_streams, NULL) IS NULL),
    open_time        time NOT NULL DEFAULT '00:00',
    close_time       time NOT NULL DEFAULT '24:00',
    CHECK (open_time < close_time),
    CHECK ((kind = 'depot') = (cardinality(accepted_streams) = 0))
);

CREATE FUNCTION facilities_check_streams() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unknown text[] := clearway_unknown_streams(NEW.accepted_streams);
BEGIN
    IF cardinality(unknown) > 0 THEN
        RAISE EXCEPTION 'facility % accepts unknown waste streams %', NEW.id, unknown
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER facilities_streams BEFORE INSERT OR UPDATE ON facilities
    FOR EACH ROW EXECUTE FUNCTION facilities_check_streams();

-- Collection trucks. The id appears in MQTT topics ({prefix}trucks/{id}/...), hence no dots.
CREATE TABLE trucks (
    id                 text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    depot_id           text NOT NULL REFERENCES facilities (id),
    streams            text[] NOT NULL CHECK (cardinality(streams) > 0 AND array_position(streams, NULL) IS NULL),
    capacity_volume_l  double precision NOT NULL CHECK (capacity_volume_l > 0),
    capacity_weight_kg double precision NOT NULL CHECK (capacity_weight_kg > 0),
    shift_start        time NOT NULL,
    shift_end          time NOT NULL,
    status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'maintenance', 'retired')),
    CHECK (shift_start < shift_end)
);

CREATE INDEX trucks_depot_idx ON trucks (depot_id);

-- A truck's home is a depot, and it collects known streams only.
CREATE FUNCTION trucks_check_depot_and_streams() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    depot_kind text;
    unknown    text[] := clearway_unknown_streams(NEW.streams);
BEGIN
    SELECT kind INTO depot_kind FROM facilities WHERE id = NEW.depot_id;
    IF depot_kind IS DISTINCT FROM 'depot' THEN
        RAISE EXCEPTION 'truck % has home % which is a %, not a depot', NEW.id, NEW.depot_id, depot_kind
            USING ERRCODE = 'check_violation';
    END IF;
    IF cardinality(unknown) > 0 THEN
        RAISE EXCEPTION 'truck % collects unknown waste streams %', NEW.id, unknown
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER trucks_depot_and_streams BEFORE INSERT OR UPDATE ON trucks
    FOR EACH ROW EXECUTE FUNCTION trucks_check_depot_and_streams();

-- A facility that is some truck's home stays a depot.
CREATE FUNCTION facilities_check_home_depot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind <> 'depot' AND EXISTS (SELECT 1 FROM trucks WHERE depot_id = NEW.id) THEN
        RAISE EXCEPTION 'facility % is the home depot of trucks and cannot become a %', NEW.id, NEW.kind
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER facilities_home_depot BEFORE UPDATE OF kind ON facilities
    FOR EACH ROW EXECUTE FUNCTION facilities_check_home_depot();

CREATE FUNCTION waste_streams_check_fleet_use() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.code = NEW.code THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM facilities WHERE OLD.code = ANY (accepted_streams))
       OR EXISTS (SELECT 1 FROM trucks WHERE OLD.code = ANY (streams)) THEN
        RAISE EXCEPTION 'waste stream % is used by facilities or trucks', OLD.code
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER waste_streams_fleet_use BEFORE DELETE OR UPDATE OF code ON waste_streams
    FOR EACH ROW EXECUTE FUNCTION waste_streams_check_fleet_use();

-- Clearance jobs. State moves follow JobState in the dispatch module; each move is a job_events row.
-- announced_at: when the job was published on {prefix}dispatch/jobs/{id} (null until the broker
-- acknowledged it; the leader publishes what is still null).
CREATE TABLE jobs (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bin_id              text NOT NULL REFERENCES bins (id),
    reason              text NOT NULL CHECK (reason IN ('threshold', 'forecast', 'fire_alarm', 'maintenance', 'manual')),
    priority            text NOT NULL CHECK (priority IN ('urgent', 'normal', 'maintenance')),
    state               text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'planned', 'dispatched', 'accepted',
                            'arrived', 'collected', 'verified', 'skipped', 'failed', 'cancelled')),
    due_at              timestamptz NOT NULL,
    truck_id            text REFERENCES trucks (id),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    cause               text,
    collected_weight_kg double precision CHECK (collected_weight_kg >= 0),
    collected_volume_l  double precision CHECK (collected_volume_l >= 0),
    verification        text,
    announced_at        timestamptz,
    CHECK (updated_at >= created_at)
);

-- One open (non-final) job per bin and reason. The predicate is spelled exactly so in the
-- ON CONFLICT clause of the dispatch module's JobStore.
CREATE UNIQUE INDEX jobs_one_open_per_bin_reason ON jobs (bin_id, reason)
    WHERE state NOT IN ('verified', 'skipped', 'failed', 'cancelled');
CREATE INDEX jobs_open_due_idx ON jobs (due_at) WHERE state NOT IN ('verified', 'skipped', 'failed', 'cancelled');
CREATE INDEX jobs_bin_idx ON jobs (bin_id, updated_at);
CREATE INDEX jobs_truck_idx ON jobs (truck_id) WHERE truck_id IS NOT NULL;
CREATE INDEX jobs_unannounced_idx ON jobs (id) WHERE announced_at IS NULL;

-- Every change of a job's state; the first (from_state null) created it and records its cause.
CREATE TABLE job_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id     bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    from_state text CHECK (from_state IN ('open', 'planned', 'dispatched', 'accepted', 'arrived', 'collected',
                   'verified', 'skipped', 'failed', 'cancelled')),
    to_state   text NOT NULL CHECK (to_state IN ('open', 'planned', 'dispatched', 'accepted', 'arrived', 'collected',
                   'verified', 'skipped', 'failed', 'cancelled')),
    at         timestamptz NOT NULL,
    actor      text NOT NULL CHECK (actor <> ''),
    reason     text
);

CREATE INDEX job_events_job_idx ON job_events (job_id, id);

-- The decision engine's state per bin (BinState as JSON), written with the jobs it asked for.
CREATE TABLE bin_decisions (
    bin_id          text PRIMARY KEY REFERENCES bins (id) ON DELETE CASCADE,
    state           jsonb NOT NULL,
    last_reading_at timestamptz,
    updated_at      timestamptz NOT NULL
);

-- Emptyings that no job explains (a bin emptied by someone else, or a job nobody recorded).
CREATE TABLE unplanned_emptyings (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bin_id   text NOT NULL REFERENCES bins (id) ON DELETE CASCADE,
    at       timestamptz NOT NULL,
    from_pct double precision NOT NULL,
    to_pct   double precision NOT NULL,
    UNIQUE (bin_id, at)
);

-- What was collected, for the city's reports: one row per collected job, with the bin's stream and
-- community zone as they were at collection time.
CREATE TABLE collections (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id       bigint NOT NULL UNIQUE REFERENCES jobs (id),
    bin_id       text NOT NULL REFERENCES bins (id),
    stream       text NOT NULL REFERENCES waste_streams (code),
    zone_id      text NOT NULL REFERENCES zones (id),
    weight_kg    double precision CHECK (weight_kg >= 0),
    volume_l     double precision CHECK (volume_l >= 0),
    collected_at timestamptz NOT NULL
);

CREATE INDEX collections_at_idx ON collections (collected_at);
CREATE INDEX collections_zone_idx ON collections (zone_id, collected_at);
