-- Operations: alarms (raised by sensors or by our own data-quality rules), the trucks' positions,
-- the routes published to the trucks, citizen reports (Open311 GeoReport v2) and sensors flagged
-- for misbehaviour. Plain PostgreSQL; works alike with TimescaleDB installed.

-- An alarm on a bin: from the sensor's own `alarms` field (fire, tilt, tamper, lid_open,
-- sensor_fault) or from our rules (stuck_sensor: no change while the neighbours fill;
-- flooding: the sensor publishes far above its normal rate). One alarm per bin and kind is live
-- (active or acknowledged) at a time; a repeat updates last_seen_at and count.
-- active -> acknowledged (an operator has seen it) -> cleared; active -> cleared.
CREATE TABLE alarms (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bin_id          text NOT NULL REFERENCES bins (id) ON DELETE CASCADE,
    kind            text NOT NULL CHECK (kind IN ('fire', 'tilt', 'tamper', 'lid_open', 'sensor_fault',
                        'stuck_sensor', 'flooding')),
    source          text NOT NULL CHECK (source IN ('sensor', 'rule')),
    state           text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'acknowledged', 'cleared')),
    raised_at       timestamptz NOT NULL,
    last_seen_at    timestamptz NOT NULL,
    occurrences     integer NOT NULL DEFAULT 1 CHECK (occurrences > 0),
    detail          text,
    job_id          bigint REFERENCES jobs (id),
    acknowledged_at timestamptz,
    acknowledged_by text,
    cleared_at      timestamptz,
    cleared_by      text,
    CHECK (last_seen_at >= raised_at),
    CHECK ((state = 'active') OR acknowledged_at IS NOT NULL OR cleared_at IS NOT NULL),
    CHECK ((state = 'cleared') = (cleared_at IS NOT NULL))
);

-- The live alarm of a bin and kind; the predicate is spelled exactly so in ON CONFLICT clauses.
CREATE UNIQUE INDEX alarms_one_live_per_bin_kind ON alarms (bin_id, kind) WHERE state <> 'cleared';
CREATE INDEX alarms_raised_idx ON alarms (raised_at);
CREATE INDEX alarms_live_idx ON alarms (state, raised_at) WHERE state <> 'cleared';

-- Positions the trucks publish on {prefix}trucks/{id}/position (docs/trucks.md). One row per
-- truck and time; a repeat is ignored. Old rows are dropped by the dispatch service's retention.
CREATE TABLE truck_positions (
    truck_id    text NOT NULL REFERENCES trucks (id) ON DELETE CASCADE,
    ts          timestamptz NOT NULL,
    lat         double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon         double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    speed_kmh   double precision CHECK (speed_kmh >= 0),
    heading_deg double precision CHECK (heading_deg >= 0 AND heading_deg < 360),
    load_pct    double precision CHECK (load_pct >= 0 AND load_pct <= 100),
    received_at timestamptz NOT NULL,
    PRIMARY KEY (truck_id, ts)
);

CREATE INDEX truck_positions_ts_idx ON truck_positions (ts);

-- The newest position of each truck, kept beside the history so a map needs one row per truck.
ALTER TABLE trucks
    ADD COLUMN last_position_at timestamptz,
    ADD COLUMN last_lat         double precision CHECK (last_lat BETWEEN -90 AND 90),
    ADD COLUMN last_lon         double precision CHECK (last_lon BETWEEN -180 AND 180),
    ADD COLUMN last_load_pct    double precision CHECK (last_load_pct >= 0 AND last_load_pct <= 100);

-- Each route published to a truck on {prefix}trucks/{id}/route (retained). revision grows per
-- truck across shifts, so a unit can ignore anything older than what it has. message is the
-- published JSON; announced_at is set when the broker acknowledged it (null: publish again).
CREATE TABLE routes (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    truck_id      text NOT NULL REFERENCES trucks (id) ON DELETE CASCADE,
    shift_date    date NOT NULL,
    revision      integer NOT NULL CHECK (revision > 0),
    created_at    timestamptz NOT NULL,
    cause         text NOT NULL,
    stops         integer NOT NULL CHECK (stops >= 0),
    distance_km   double precision NOT NULL CHECK (distance_km >= 0),
    duration_min  double precision NOT NULL CHECK (duration_min >= 0),
    message       jsonb NOT NULL,
    announced_at  timestamptz,
    UNIQUE (truck_id, revision)
);

CREATE INDEX routes_shift_idx ON routes (shift_date, truck_id);
CREATE INDEX routes_unannounced_idx ON routes (id) WHERE announced_at IS NULL;

-- The kilometres a truck drove on a shift, as measured from its positions (planned ones are on
-- routes). Updated by the dispatch service as positions arrive.
CREATE TABLE truck_shifts (
    truck_id    text NOT NULL REFERENCES trucks (id) ON DELETE CASCADE,
    shift_date  date NOT NULL,
    driven_km   double precision NOT NULL DEFAULT 0 CHECK (driven_km >= 0),
    first_at    timestamptz NOT NULL,
    last_at     timestamptz NOT NULL,
    PRIMARY KEY (truck_id, shift_date)
);

-- Citizen reports in the Open311 GeoReport v2 shape (service_request_id is the id). A report near
-- a bin is tied to it (bin_id) and becomes a job (job_id; an open job of the same bin and reason is
-- reused); its status follows the job. Contact details are kept for the city and never served.
CREATE TABLE citizen_reports (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_code   text NOT NULL CHECK (service_code IN ('overflowing_bin', 'damaged_bin', 'illegal_dumping')),
    description    text CHECK (length(description) <= 4000),
    lat            double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon            double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    address        text CHECK (length(address) <= 500),
    media_url      text CHECK (length(media_url) <= 2000),
    email          text CHECK (length(email) <= 320),
    first_name     text CHECK (length(first_name) <= 200),
    last_name      text CHECK (length(last_name) <= 200),
    phone          text CHECK (length(phone) <= 50),
    device_id      text CHECK (length(device_id) <= 200),
    zone_id        text REFERENCES zones (id),
    bin_id         text REFERENCES bins (id),
    job_id         bigint REFERENCES jobs (id),
    status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    status_notes   text,
    requested_at   timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK (updated_at >= requested_at)
);

CREATE INDEX citizen_reports_requested_idx ON citizen_reports (requested_at);
CREATE INDEX citizen_reports_zone_idx ON citizen_reports (zone_id, requested_at);
CREATE INDEX citizen_reports_job_idx ON citizen_reports (job_id) WHERE job_id IS NOT NULL;
