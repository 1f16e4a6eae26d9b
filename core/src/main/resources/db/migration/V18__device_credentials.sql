-- Device credentials from the registry (issue 17): a bin sensor's broker password (kept only as the hash Mosquitto's
-- password_file takes, $7$ PBKDF2-SHA512) and its client certificates (common name = the bin id, signed by the city's
-- device CA), issued, rotated and revoked through the dashboard API; the broker files (password_file, acl_file,
-- crl.pem) are generated from these tables (org.clearway.deploy.DeviceCredentials), the embedded broker reads them
-- directly. A bin without a row here keeps the credentials DeviceCredentials manages on its own (the earlier way).

CREATE TABLE device_credentials (
    bin_id              text PRIMARY KEY REFERENCES bins (id),
    -- NULL: no password (never issued, or revoked)
    password_hash       text CHECK (password_hash IS NULL OR password_hash LIKE '$7$%'),
    password_issued_at  timestamptz,
    -- set when the device was revoked (its password and certificates); cleared when a new credential is issued
    revoked_at          timestamptz,
    updated_at          timestamptz NOT NULL
);

CREATE INDEX device_credentials_updated_idx ON device_credentials (updated_at);

CREATE TABLE device_certificates (
    -- the certificate's serial number, lower-case hex
    serial          text PRIMARY KEY CHECK (serial ~ '^[0-9a-f]{1,40}$'),
    bin_id          text NOT NULL REFERENCES bins (id),
    certificate_pem text NOT NULL,
    issued_at       timestamptz NOT NULL,
    not_after       timestamptz NOT NULL,
    revoked_at      timestamptz
);

CREATE INDEX device_certificates_bin_idx ON device_certificates (bin_id, issued_at);

-- The device CA's current certificate revocation list (one row), signed by the API when a certificate is revoked.
CREATE TABLE device_crl (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    number     bigint NOT NULL,
    crl_pem    text NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Who did what to a device's credentials, as job_events records who moved a job: never a secret.
CREATE TABLE credential_events (
    id     bigserial PRIMARY KEY,
    bin_id text NOT NULL REFERENCES bins (id),
    action text NOT NULL CHECK (action IN ('password_issued', 'password_rotated', 'password_revoked',
                                           'certificate_issued', 'certificate_revoked', 'revoked')),
    detail text,
    actor  text NOT NULL,
    at     timestamptz NOT NULL
);

CREATE INDEX credential_events_bin_idx ON credential_events (bin_id, at);
