-- Adaptive reporting (issue 14, item 4): every reporting-interval downlink dispatch sent to a bin's device, recorded
-- once the broker acknowledged its publish (QoS 1). The newest row of a device is the tier it was last asked for;
-- the reporting chore sends a new downlink only when the tier it computes differs from it.

CREATE TABLE device_reporting (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id   text NOT NULL REFERENCES devices (id),
    bin_id      text NOT NULL REFERENCES bins (id),
    model       text NOT NULL REFERENCES device_models (code),
    source      text NOT NULL CHECK (source IN ('chirpstack', 'tts')),
    tier        text NOT NULL CHECK (tier IN ('fast', 'normal', 'slow')),
    interval_s  integer NOT NULL CHECK (interval_s > 0),
    level_pct   double precision,
    topic       text NOT NULL,
    f_port      integer NOT NULL CHECK (f_port BETWEEN 1 AND 223),
    payload_hex text NOT NULL,
    sent_at     timestamptz NOT NULL
);

CREATE INDEX device_reporting_device_idx ON device_reporting (device_id, sent_at DESC, id DESC);
