-- Issue 15: the photos a driver takes at a stop (collected, skipped, bin damaged), uploaded by the driver app to the
-- dashboard API with the truck's photo key (docs/driver.md#photos). One row per photo, tied to the job and the truck
-- that took it; its zone is the job's bin's, as for the job. A photo resent by the device (same truck, same
-- photo_key) is stored once.
CREATE TABLE stop_photos (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    truck_id      text NOT NULL REFERENCES trucks (id),
    photo_key     text NOT NULL CHECK (photo_key ~ '^[A-Za-z0-9_-]{1,64}$'),
    job_id        bigint NOT NULL REFERENCES jobs (id),
    bin_id        text NOT NULL REFERENCES bins (id),
    kind          text NOT NULL CHECK (kind IN ('collected', 'skipped', 'damaged')),
    content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes    integer NOT NULL CHECK (size_bytes > 0),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    image         bytea NOT NULL,
    taken_at      timestamptz NOT NULL,
    received_at   timestamptz NOT NULL,
    UNIQUE (truck_id, photo_key)
);

CREATE INDEX stop_photos_job_idx ON stop_photos (job_id);
CREATE INDEX stop_photos_bin_idx ON stop_photos (bin_id, taken_at DESC);

-- Issue 15: the officer report's share links (docs/report.md#share-links), each revocable on its own. A link is known
-- by the SHA-256 of its signature only (the signature is what opens the report); a revoked link no longer opens it,
-- though its signature and expiry are still good. A link signed before this table existed has no row and stays
-- valid until it expires.
CREATE TABLE report_share_links (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sig_sha256  text NOT NULL UNIQUE CHECK (sig_sha256 ~ '^[0-9a-f]{64}$'),
    zone_id     text NOT NULL,
    quarter     text NOT NULL,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    revoked_at  timestamptz,
    revoked_by  text,
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

CREATE INDEX report_share_links_zone_idx ON report_share_links (zone_id, created_at DESC);
