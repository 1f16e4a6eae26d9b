package org.clearway.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.ingest.relay.DecodedRelay;
import org.clearway.ingest.message.Envelope;

/**
 * The replay path for parked messages: the messages of a flooding bin that ingest kept whole in
 * {@code rejected_messages} with reason {@code rate_limited} beyond the hard ceiling, instead of storing them. Each
 * is decoded again as of its arrival (it passed the contract then) and its readings are stored as ingest stores them
 * (a reading stored before counts as a duplicate). Its bad readings, if it was a batch, were rejected with their own
 * reasons on arrival and are not rejected again. A row that no longer decodes to a reading (for example the topic
 * prefix given here is not the one ingest used) is left parked and counted as skipped. Bypasses the flood limits:
 * replaying is done on purpose, at the database's pace.
 *
 * <p>Dispatch sees the replayed readings: a parked message may come from the device-token HTTP endpoint, which was
 * never on the contract's topic that dispatch reads, and the parked row does not say which. So each batch follows
 * ingest writer's order for relayed sources: commit the readings, relay every one of them (stored now or before) on
 * {@code {prefix}bins/{binId}/decoded} ({@link DecodedRelay}), and only once the broker acknowledged them all delete
 * the batch's parked rows. While the broker does not acknowledge, the relay is tried again with backoff for up to
 * the relay patience; then the replay stops and the batch's rows stay parked (counted as unrelayed): the next replay
 * finds their readings stored, relays them and deletes the rows. A reading dispatch read on the contract's topic
 * when it arrived is seen twice, which changes nothing (dispatch ignores a reading not newer than the bin's last).
 */
public final class ParkedReplay {
    static final String CLAIM_PARKED = """
            SELECT id, topic, payload, received_at FROM rejected_messages
             WHERE reason = 'rate_limited' AND item_index = -1 AND id > ? AND (?::text IS NULL OR bin_id = ?)
             ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""";
    static final String DELETE_PARKED = "DELETE FROM rejected_messages WHERE id = ANY (?)";

    /**
     * What a replay did: parked messages replayed (stored, relayed and their rows deleted), readings stored, already
     * stored, rejected now, rows skipped (no reading decoded), and rows left parked because their stored readings
     * could not be relayed (the broker did not acknowledge them within the relay patience).
     */
    public record Outcome(int messages, int stored, int duplicates, int rejected, int skipped, int unrelayed) {
        static final Outcome NONE = new Outcome(0, 0, 0, 0, 0, 0);

        Outcome plus(Outcome o) {
            return new Outcome(messages + o.messages, stored + o.stored, duplicates + o.duplicates,
                    rejected + o.rejected, skipped + o.skipped, unrelayed + o.unrelayed);
        }
    }

    private record Round(Outcome outcome, long lastId) {
    }

    /** One batch's parked rows as stored: the rows with readings, what the store did, rows claimed in all. */
    private record Stored(List<Long> ids, StoreResult result, int claimed, long lastId) {
    }

    /** The clock the decoder validates against: set to each parked message's arrival before it is decoded. */
    private static final class ArrivalClock extends Clock {
        private Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the arrival clock is UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final DataSource dataSource;
    private final TelemetryStore store;
    private final ArrivalClock arrival = new ArrivalClock();
    private final TelemetryDecoder decoder;
    private final DecodedRelay relay;
    private final Duration relayPatience;

    /** @param relayPatience how long one batch's relay is tried again while the broker does not acknowledge it */
    public ParkedReplay(DataSource dataSource, TelemetryStore store, TelemetryTopic topics, Duration maxAge,
                        DecodedRelay relay, Duration relayPatience) {
        this.dataSource = dataSource;
        this.store = store;
        this.decoder = new TelemetryDecoder(topics, arrival, maxAge);
        this.relay = relay;
        this.relayPatience = relayPatience;
    }

    /** A replay with ingest's own store, for the topic prefix and maximum reading age ingest runs with. */
    public static ParkedReplay of(DataSource dataSource, String topicPrefix, Duration maxAge, DecodedRelay relay,
                                  Duration relayPatience) {
        return new ParkedReplay(dataSource, new TelemetryStore(new BinDirectory(Duration.ZERO, Duration.ZERO)),
                new TelemetryTopic(topicPrefix), maxAge, relay, relayPatience);
    }

    /**
     * Replays every parked message (of {@code binId}, or of every bin when null), {@code batchSize} per commit; stops
     * at the first batch whose readings could not be relayed (its rows stay parked: {@link Outcome#unrelayed()}).
     */
    public Outcome replay(String binId, int batchSize) throws SQLException, InterruptedException {
        Outcome total = Outcome.NONE;
        long after = 0;
        while (true) {
            Round round = replayOnce(binId, batchSize, after);
            if (round == null) {
                return total;
            }
            total = total.plus(round.outcome());
            if (round.outcome().unrelayed() > 0) {
                return total;
            }
            after = round.lastId();
        }
    }

    /** Stores a batch, relays its readings, then deletes its rows; null when no parked row is left. */
    private Round replayOnce(String binId, int batchSize, long after) throws SQLException, InterruptedException {
        Stored s = store(binId, batchSize, after);
        if (s == null) {
            return null;
        }
        StoreResult r = s.result();
        int skipped = s.claimed() - s.ids().size();
        if (!relayed(r.accepted())) {
            return new Round(new Outcome(0, r.stored(), r.duplicates(), r.rejections().size(), skipped,
                    s.ids().size()), s.lastId());
        }
        try (Connection c = dataSource.getConnection()) {
            delete(c, s.ids()); // autocommit: the readings are stored and relayed already
        }
        return new Round(new Outcome(s.ids().size(), r.stored(), r.duplicates(), r.rejections().size(), skipped, 0),
                s.lastId());
    }

    /** Publishes the readings, trying again with backoff (100 ms doubling to 10 s) within the relay patience. */
    private boolean relayed(List<Reading> readings) throws InterruptedException {
        long deadline = System.nanoTime() + relayPatience.toNanos();
        long pauseMs = 100;
        while (!relay.publish(readings)) {
            if (System.nanoTime() + pauseMs * 1_000_000 > deadline) {
                return false;
            }
            Thread.sleep(pauseMs);
            pauseMs = Math.min(10_000, pauseMs * 2);
        }
        return true;
    }

    /** Claims a batch of parked rows, stores their readings and commits, keeping the rows; null when none is left. */
    private Stored store(String binId, int batchSize, long after) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                List<Envelope> batch = new ArrayList<>();
                long lastId = after;
                int claimed = 0;
                try (PreparedStatement ps = c.prepareStatement(CLAIM_PARKED)) {
                    ps.setLong(1, after);
                    ps.setString(2, binId);
                    ps.setString(3, binId);
                    ps.setInt(4, batchSize);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            claimed++;
                            lastId = rs.getLong(1);
                            Envelope e = envelope(rs.getString(2), rs.getBytes(3), rs.getTimestamp(4).toInstant());
                            if (!e.decoded().readings().isEmpty()) {
                                ids.add(lastId);
                                batch.add(e);
                            }
                        }
                    }
                }
                if (claimed == 0) {
                    c.rollback();
                    return null;
                }
                StoreResult result = batch.isEmpty() ? StoreResult.EMPTY : store.write(c, batch);
                c.commit();
                return new Stored(ids, result, claimed, lastId);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void delete(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(DELETE_PARKED)) {
            ps.setArray(1, c.createArrayOf("int8", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** The parked message decoded as of its arrival, keeping only its readings. */
    private Envelope envelope(String topic, byte[] payload, Instant receivedAt) {
        arrival.now = receivedAt;
        DecodedMessage d = decoder.decode(topic, payload);
        return new Envelope(new InboundMessage(topic, payload, 1, 0, false, receivedAt, 0),
                new DecodedMessage(d.binId(), d.readings(), List.of()));
    }
}
