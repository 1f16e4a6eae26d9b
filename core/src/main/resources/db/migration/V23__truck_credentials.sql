-- Trucks' broker credentials from the registry (issue 17), as V18 gives the bin sensors theirs: a truck's on-board
-- unit or driver app signs in with its truck id and a password (kept only as the $7$ hash Mosquitto's password_file
-- takes) or a client certificate of the device CA whose common name is the truck id; issued, rotated and revoked
-- through the dashboard API (city-wide admins: trucks have no zone). The certificates share device_certificates (one
-- serial space, one CRL) and the history credential_events, each row for exactly one bin or one truck.

CREATE TABLE truck_credentials (
    truck_id            text PRIMARY KEY REFERENCES trucks (id),
    -- NULL: no password (never issued, or revoked)
    password_hash       text CHECK (password_hash IS NULL OR password_hash LIKE '$7$%'),
    password_issued_at  timestamptz,
    -- set when the truck was revoked (its password and certificates); cleared when a new credential is issued
    revoked_at          timestamptz,
    updated_at          timestamptz NOT NULL
);

CREATE INDEX truck_credentials_updated_idx ON truck_credentials (updated_at);

ALTER TABLE device_certificates
    ALTER COLUMN bin_id DROP NOT NULL,
    ADD COLUMN truck_id text REFERENCES trucks (id),
    ADD CONSTRAINT device_certificates_one_device CHECK ((bin_id IS NULL) <> (truck_id IS NULL));

CREATE INDEX device_certificates_truck_idx ON device_certificates (truck_id, issued_at) WHERE truck_id IS NOT NULL;

ALTER TABLE credential_events
    ALTER COLUMN bin_id DROP NOT NULL,
    ADD COLUMN truck_id text REFERENCES trucks (id),
    ADD CONSTRAINT credential_events_one_device CHECK ((bin_id IS NULL) <> (truck_id IS NULL));

CREATE INDEX credential_events_truck_idx ON credential_events (truck_id, at) WHERE truck_id IS NOT NULL;
