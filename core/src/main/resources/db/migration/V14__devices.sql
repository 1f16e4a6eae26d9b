-- Devices of the registry (issue 14): a bin's sensor by its DevEUI or device id, its model (which
-- decoder reads its frames) and its source (which network server or endpoint it reaches us by), and
-- which bin it was on when: a reading belongs to the bin its device was on at the reading's time.

CREATE TABLE device_models (
    code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,63}$')
);

INSERT INTO device_models (code) VALUES
    ('contract-json'), ('milesight-em310-udl'), ('milesight-em400-udl'), ('dragino-ldds75'), ('decentlab-dl-mbx');

CREATE TABLE devices (
    -- A DevEUI is stored as 16 lower-case hex digits; a device id (The Things Stack, HTTP) as given.
    id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
    model      text NOT NULL REFERENCES device_models (code),
    source     text NOT NULL CHECK (source IN ('mqtt', 'chirpstack', 'tts', 'http')),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Assignment history: [valid_from, valid_to); valid_to NULL while the device is on the bin.
CREATE TABLE device_assignments (
    device_id  text NOT NULL REFERENCES devices (id),
    bin_id     text NOT NULL REFERENCES bins (id),
    valid_from timestamptz NOT NULL,
    valid_to   timestamptz,
    PRIMARY KEY (device_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

-- A device is on at most one bin, and a bin carries at most one device, at a time.
CREATE UNIQUE INDEX device_assignments_current_device ON device_assignments (device_id) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX device_assignments_current_bin ON device_assignments (bin_id) WHERE valid_to IS NULL;
CREATE INDEX device_assignments_bin_idx ON device_assignments (bin_id, valid_from);
