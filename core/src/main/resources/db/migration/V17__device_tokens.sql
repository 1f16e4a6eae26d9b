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
