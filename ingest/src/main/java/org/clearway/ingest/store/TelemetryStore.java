package org.clearway.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clearway.core.contract.FillLevel;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;
import org.clearway.ingest.message.Envelope;
import org.clearway.ingest.store.BinDirectory.BinGeometry;

/**
 * Writes one batch in one transaction: the readings (idempotent on bin and measured time), the
 * latest state of each bin they touch, the rejections, and the statuses of the devices whose frames carry one. One statement carries all the readings
 * as arrays ({@code unnest}) and, in a CTE of the same statement, the newest reading of each bin for {@code bin_state}:
 * one round trip for both, and idempotent where COPY is not. A batch of readings alone (no rejection, no device
 * status: the usual batch) is that one statement in autocommit, its own transaction, committed before it returns; any
 * other batch is written in an explicit transaction and committed after its last statement. Either way nothing of a
 * batch is committed unless all of it is, and the caller acknowledges only after {@link #store} returns.
 * With deferred roll-ups (V29) that statement also sets {@code clearway.rollup_defer} for its transaction, so that the
 * readings trigger only notes the new keys in {@code rollup_pending} and {@link RollupFlusher} adds them to the
 * roll-ups after the commit: the commit that acknowledges the batch no longer waits for the roll-up arithmetic.
 */
public final class TelemetryStore {
    static final String READING_ARRAYS = """
            unnest(?::text[], ?::timestamptz[], ?::timestamptz[], ?::float8[], ?::int4[], ?::int8[], ?::float8[],
                   ?::float8[], ?::bool[], ?::int2[], ?::text[])
                AS t(bin_id, measured_at, received_at, fill_pct, distance_mm, seq, battery_pct, temp_c, tilt, rssi, alarms)
            """;

    /**
     * Sets {@code clearway.rollup_defer} for the transaction in the readings' own statement (no extra round trip), before
     * the statement's trigger runs; a materialised CTE with a volatile function is evaluated once.
     */
    static final String DEFER_ROLLUPS = """
            WITH defer AS MATERIALIZED (SELECT set_config('clearway.rollup_defer', 'on', true) AS on_)
            """;

    /** The start of the readings' insert, up to its FROM. */
    private static final String INSERT_INTO_READINGS = """
            INSERT INTO readings (bin_id, measured_at, received_at, fill_pct, distance_mm, seq, battery_pct, temp_c,
                                  tilt, rssi, alarms)
            SELECT bin_id, measured_at, received_at, fill_pct, distance_mm, seq, battery_pct, temp_c, tilt, rssi,
                   string_to_array(alarms, ',')
              FROM\s""";

    /**
     * One row per bin, its newest reading of the batch (the first eleven parameters); a state never goes back in time.
     * A CTE of the readings' statement: data-modifying CTEs run once and to completion whether read or not.
     */
    static final String UPSERT_STATE = """
            state AS (
            INSERT INTO bin_state (bin_id, measured_at, received_at, fill_pct, distance_mm, seq, battery_pct, temp_c,
                                   tilt, rssi, alarms, last_seen_at)
            SELECT bin_id, measured_at, received_at, fill_pct, distance_mm, seq, battery_pct, temp_c, tilt, rssi,
                   string_to_array(alarms, ','), received_at
              FROM\s""" + READING_ARRAYS + """
            ON CONFLICT (bin_id) DO UPDATE SET
                measured_at = EXCLUDED.measured_at, received_at = EXCLUDED.received_at,
                fill_pct = EXCLUDED.fill_pct, distance_mm = EXCLUDED.distance_mm, seq = EXCLUDED.seq,
                battery_pct = EXCLUDED.battery_pct, temp_c = EXCLUDED.temp_c, tilt = EXCLUDED.tilt,
                rssi = EXCLUDED.rssi, alarms = EXCLUDED.alarms,
                last_seen_at = GREATEST(bin_state.last_seen_at, EXCLUDED.last_seen_at)
            WHERE bin_state.measured_at < EXCLUDED.measured_at)
            """;

    /**
     * The bins' states ({@link #UPSERT_STATE}, parameters 1-11), then the readings (parameters 12-22), skipping those
     * stored already (a redelivery, a repeat), in one round trip; its count is the readings inserted. A plain insert
     * under a savepoint, retried like this after a duplicate, was tried first until V29: the savepoint's own round trip
     * was about 13 of a batch's 137 ms in the profile under load, more than a speculative insert of 500 rows costs. Until
     * issue 16's item 5 the state was a statement of its own: a second round trip, 25 to 30 ms a batch under load.
     */
    static final String INSERT_READINGS = "WITH " + UPSERT_STATE + INSERT_INTO_READINGS + READING_ARRAYS
            + "ON CONFLICT DO NOTHING\n";

    /** {@link #INSERT_READINGS} with {@link #DEFER_ROLLUPS} before it and its CTE joined to the rows. */
    static final String INSERT_READINGS_DEFERRED = DEFER_ROLLUPS + ", " + UPSERT_STATE + INSERT_INTO_READINGS
            + "defer, " + READING_ARRAYS + "ON CONFLICT DO NOTHING\n";

    static final String INSERT_REJECTIONS = """
            INSERT INTO rejected_messages (received_at, last_received_at, occurrences, topic, bin_id, item_index,
                                           reason, detail, message_sha256, payload)
            SELECT received_at, received_at, occurrences, topic, bin_id, item_index, reason, detail,
                   decode(sha, 'hex'), decode(payload, 'base64')
              FROM unnest(?::timestamptz[], ?::int4[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[],
                          ?::text[], ?::text[])
                AS t(received_at, occurrences, topic, bin_id, item_index, reason, detail, sha, payload)
            ON CONFLICT (topic, message_sha256, item_index, reason) DO UPDATE SET
                occurrences = rejected_messages.occurrences + EXCLUDED.occurrences,
                last_received_at = GREATEST(rejected_messages.last_received_at, EXCLUDED.last_received_at)
            """;

    private final BinDirectory bins;
    private final DeviceDirectory devices;
    private final String insertReadings;

    /** A store for the contract's messages only (the replay of parked messages), roll-ups kept in its commit. */
    public TelemetryStore(BinDirectory bins) {
        this(bins, null, false);
    }

    /**
     * @param devices decodes network servers' uplinks for the bins their devices were on; null when there are none
     * @param deferRollups leave the roll-ups to {@link RollupFlusher} (rollup_pending) instead of the commit
     */
    public TelemetryStore(BinDirectory bins, DeviceDirectory devices, boolean deferRollups) {
        this.bins = bins;
        this.devices = devices;
        this.insertReadings = deferRollups ? INSERT_READINGS_DEFERRED : INSERT_READINGS;
    }

    /**
     * Stores the batch on {@code c} and commits; on an exception nothing of the batch is stored. A batch of readings
     * alone is one statement in autocommit (its own transaction, one round trip with its commit); any other batch is
     * written in a transaction committed after its last statement.
     */
    public StoreResult store(Connection c, List<Envelope> batch) throws SQLException {
        c.setAutoCommit(true);
        Prepared prepared = prepare(c, batch);
        if (prepared.readingsAlone()) {
            return prepared.result(execute(c, insertReadings, prepared.newest(), prepared.rows()));
        }
        c.setAutoCommit(false);
        try {
            StoreResult result = write(c, prepared);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    /** Writes the batch on {@code c} within the caller's transaction (the replay of parked messages shares it). */
    StoreResult write(Connection c, List<Envelope> received) throws SQLException {
        return write(c, prepare(c, received));
    }

    /** A batch checked against the registry and turned into rows ({@code newest}: bin_state's), not yet written. */
    private record Prepared(ReadingRows rows, ReadingRows newest, RejectionRows rejects, List<DeviceStatus> statuses,
                            List<Reading> accepted, List<String> outcomes, List<Reading> relay) {
        /** Readings and nothing else: one statement writes it all. */
        boolean readingsAlone() {
            return !rows.isEmpty() && rejects.isEmpty() && statuses.isEmpty();
        }

        StoreResult result(int stored) {
            return new StoreResult(accepted, stored, rejects.rejections(), outcomes, relay);
        }
    }

    /** Every statement of the batch, in the caller's transaction. */
    private StoreResult write(Connection c, Prepared p) throws SQLException {
        int stored = p.rows().isEmpty() ? 0 : execute(c, insertReadings, p.newest(), p.rows());
        if (!p.rejects().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_REJECTIONS)) {
                p.rejects().bind(c, ps);
                ps.executeUpdate();
            }
        }
        DeviceStatusRows.write(c, p.statuses());
        return p.result(stored);
    }

    private Prepared prepare(Connection c, List<Envelope> received) throws SQLException {
        DeviceDirectory.Resolved resolved = devices == null ? new DeviceDirectory.Resolved(received, List.of())
                : devices.resolve(c, received);
        List<Envelope> batch = resolved.batch();
        Set<String> ids = new HashSet<>();
        for (Envelope e : batch) {
            if (e.decoded().binId() != null) {
                ids.add(e.decoded().binId());
            }
        }
        Map<String, BinGeometry> known = bins.resolve(c, ids);
        ReadingRows rows = new ReadingRows(batch.size());
        NewestPerBin newest = new NewestPerBin();
        RejectionRows rejects = new RejectionRows();
        List<Reading> accepted = new ArrayList<>();
        List<Reading> relay = new ArrayList<>();
        List<String> outcomes = new ArrayList<>(batch.size());
        for (Envelope e : batch) {
            String binId = e.decoded().binId();
            Instant receivedAt = e.message().receivedAt();
            if (binId != null && !known.containsKey(binId)) {
                Rejection unknown = Rejection.ofMessage(RejectReason.UNKNOWN_BIN,
                        "bin '" + binId + "' is not registered, or is retired: register it before its sensor sends",
                        e.message().payload());
                rejects.add(e.message(), binId, unknown);
                prepareReply(e, 0, List.of(unknown));
                outcomes.add(StoreResult.REJECTED);
                continue;
            }
            outcomes.add(!e.decoded().readings().isEmpty() ? StoreResult.STORED
                    : !e.decoded().rejections().isEmpty() ? StoreResult.REJECTED : StoreResult.STATUS);
            for (Rejection r : e.decoded().rejections()) {
                rejects.add(e.message(), binId, r);
            }
            prepareReply(e, e.decoded().readings().size(), e.decoded().rejections());
            for (Reading r : e.decoded().readings()) {
                BinGeometry g = known.get(binId);
                double fill = FillLevel.of(r, g.depthMm(), g.sensorOffsetMm());
                rows.add(r, receivedAt, fill);
                newest.offer(r, receivedAt, fill);
                accepted.add(r);
                if (!Envelope.CONTRACT.equals(e.source())) {
                    relay.add(r);
                }
            }
        }
        return new Prepared(rows, newest.rows(), rejects, resolved.statuses(), accepted, outcomes, relay);
    }

    private static void prepareReply(Envelope e, int readings, List<Rejection> rejections) {
        if (e.reply() != null) {
            e.reply().prepare(readings, rejections);
        }
    }

    /** The states' rows bound to parameters 1-11, the readings' to 12-22; returns the readings inserted. */
    private static int execute(Connection c, String sql, ReadingRows newest, ReadingRows rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            newest.bind(c, ps, 0);
            rows.bind(c, ps, ReadingRows.COLUMNS);
            return ps.executeUpdate();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool discards it.
        }
    }
}
