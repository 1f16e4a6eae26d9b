-- Issue 15: the drivers' breaks as their trucks report them (updates version 2, docs/trucks.md): one row per break,
-- open (ended_at NULL) while the driver is on it. A truck has at most one open break.
CREATE TABLE truck_breaks (
    truck_id        text NOT NULL REFERENCES trucks (id),
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz,
    start_update_id text,
    end_update_id   text,
    PRIMARY KEY (truck_id, started_at),
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);

CREATE UNIQUE INDEX truck_breaks_one_open_idx ON truck_breaks (truck_id) WHERE ended_at IS NULL;
