-- V17: device tokens (below) and device status (further below).
-- Device tokens of ingest's plain HTTP source (issue 14): a device that posts the device contract's JSON over
-- HTTP authenticates with a token of its own. Only the token's SHA-256 is kept (tokens are 32 random bytes, shown
-- once when issued); rotating replaces it, revoking deletes it. The dashboard API issues them (zone-scoped by the
-- device's bin); ingest reads them.

CREATE TABLE device_tokens (
    device_id    text PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    token_sha256 bytea NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
    -- The token's first characters, to tell tokens apart on screen without revealing them.
    hint         text NOT NULL,
    issued_at    timestamptz NOT NULL,
    issued_by    text NOT NULL
);

-- Device status (issue 14): what a device says of itself besides the level, from the frames its decoder reads
-- (battery percent or volts, tilt) and from the network server's status events (ChirpStack's battery level):
-- the latest per device, and the history. low_battery is ingest's judgement by its thresholds
-- (CLEARWAY_INGEST_LOW_BATTERY_PCT, CLEARWAY_INGEST_LOW_BATTERY_VOLTS).
CREATE TABLE device_status_history (
    device_id      text NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    measured_at    timestamptz NOT NULL,
    -- 'frame' (the device's uplink, decoded) or 'chirpstack-status' (the network server's status event)
    source         text NOT NULL CHECK (source IN ('frame', 'chirpstack-status')),
    received_at    timestamptz NOT NULL,
    bin_id         text REFERENCES bins (id),
    battery_pct    double precision CHECK (battery_pct >= 0 AND battery_pct <= 100),
    battery_v      double precision CHECK (battery_v >= 0 AND battery_v <= 100),
    external_power boolean,
    tilt           boolean,
    low_battery    boolean NOT NULL,
    PRIMARY KEY (device_id, measured_at, source)
);

CREATE TABLE device_status (
    device_id      text PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    measured_at    timestamptz NOT NULL,
    source         text NOT NULL,
    received_at    timestamptz NOT NULL,
    bin_id         text REFERENCES bins (id),
    battery_pct    double precision,
    battery_v      double precision,
    external_power boolean,
    tilt           boolean,
    low_battery    boolean NOT NULL
);

-- A low battery is an alarm of the device's bin, raised by ingest's rule.
ALTER TABLE alarms DROP CONSTRAINT alarms_kind_check;
ALTER TABLE alarms ADD CONSTRAINT alarms_kind_check CHECK (kind IN ('fire', 'tilt', 'tamper', 'lid_open', 'sensor_fault',
    'stuck_sensor', 'flooding', 'low_battery'));
