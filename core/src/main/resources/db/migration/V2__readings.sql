-- Telemetry readings, keyed by (bin, measured time): a repeat is stored once.
--
-- Where the TimescaleDB extension is installed (preloaded), readings is a hypertable with a
-- compression and a retention policy (https://docs.timescale.com/api/latest/hypertable/create_hypertable/,
-- .../compression/add_compression_policy/, .../data-retention/add_retention_policy/).
-- Where it is not, readings is a native PostgreSQL table partitioned by day on measured_at; the
-- ingest service creates partitions ahead and drops those past retention with the functions in
-- V3. Both paths come from this one migration.

DO $$
DECLARE
    timescale boolean := EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
                         AND current_setting('shared_preload_libraries') LIKE '%timescaledb%';
    ts_schema text;
BEGIN
    -- A hypertable starts as a plain table; without TimescaleDB the table is partitioned natively.
    EXECUTE 'CREATE TABLE readings (
                 bin_id      text             NOT NULL,
                 measured_at timestamptz      NOT NULL,
                 received_at timestamptz      NOT NULL,
                 fill_pct    double precision NOT NULL,
                 distance_mm integer,
                 seq         bigint,
                 battery_pct double precision,
                 temp_c      double precision,
                 tilt        boolean,
                 rssi        smallint,
                 alarms      text[],
                 PRIMARY KEY (bin_id, measured_at))'
            || CASE WHEN timescale THEN '' ELSE ' PARTITION BY RANGE (measured_at)' END;
    IF timescale THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        SELECT n.nspname INTO ts_schema
          FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = 'timescaledb';
        EXECUTE format('SELECT %I.create_hypertable(%L, %L, chunk_time_interval => interval %L)',
                       ts_schema, 'readings', 'measured_at', '1 day');
        ALTER TABLE readings SET (timescaledb.compress, timescaledb.compress_segmentby = 'bin_id',
                                  timescaledb.compress_orderby = 'measured_at DESC');
        EXECUTE format('SELECT %I.add_compression_policy(%L, interval %L)',
                       ts_schema, 'readings', '${compressAfterDays} days');
        EXECUTE format('SELECT %I.add_retention_policy(%L, interval %L)',
                       ts_schema, 'readings', '${retentionDays} days');
    END IF;
END $$;

-- Latest state per bin, updated in the same transaction as the readings.
CREATE TABLE bin_state (
    bin_id       text             PRIMARY KEY REFERENCES bins (id) ON DELETE CASCADE,
    measured_at  timestamptz      NOT NULL,
    received_at  timestamptz      NOT NULL,
    fill_pct     double precision NOT NULL,
    distance_mm  integer,
    seq          bigint,
    battery_pct  double precision,
    temp_c       double precision,
    tilt         boolean,
    rssi         smallint,
    alarms       text[],
    last_seen_at timestamptz      NOT NULL
);

-- Bad input, kept for inspection. A redelivered copy of the same message (same topic, payload
-- and position in a batch) is kept once, with a count of how often it arrived.
CREATE TABLE rejected_messages (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at      timestamptz NOT NULL,
    last_received_at timestamptz NOT NULL,
    occurrences      integer     NOT NULL DEFAULT 1,
    topic            text        NOT NULL,
    bin_id           text,
    item_index       integer     NOT NULL DEFAULT -1,
    reason           text        NOT NULL,
    detail           text        NOT NULL,
    message_sha256   bytea       NOT NULL,
    payload          bytea       NOT NULL
);

CREATE UNIQUE INDEX rejected_messages_identity_idx ON rejected_messages (topic, message_sha256, item_index);
CREATE INDEX rejected_messages_received_idx ON rejected_messages (received_at);
CREATE INDEX rejected_messages_reason_idx ON rejected_messages (reason, received_at);

-- bin_state rows are rewritten with every batch: room on each page keeps those updates HOT
-- (no index writes, since only the primary key is indexed and it never changes).
ALTER TABLE bin_state SET (fillfactor = 70);
