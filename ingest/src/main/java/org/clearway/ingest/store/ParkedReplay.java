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
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.ingest.pipeline.Envelope;

/**
 * The replay path for parked messages: the messages of a flooding bin that ingest kept whole in
 * {@code rejected_messages} with reason {@code rate_limited} beyond the hard ceiling, instead of storing them. Each
 * is decoded again as of its arrival (it passed the contract then), its readings are stored as ingest stores them,
 * and its parked row is deleted, in the same transaction: a crash or an error replays nothing or the whole batch,
 * and a reading stored before counts as a duplicate. Its bad readings, if it was a batch, were rejected with their
 * own reasons on arrival and are not rejected again. A row that no longer decodes to a reading (for example the
 * topic prefix given here is not the one ingest used) is left parked and counted as skipped. Bypasses the broker and
 * the flood limits: replaying is done on purpose, at the database's pace.
 */
public final class ParkedReplay {
    static final String CLAIM_PARKED = """
            SELECT id, topic, payload, received_at FROM rejected_messages
             WHERE reason = 'rate_limited' AND item_index = -1 AND id > ? AND (?::text IS NULL OR bin_id = ?)
             ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""";
    static final String DELETE_PARKED = "DELETE FROM rejected_messages WHERE id = ANY (?)";

    /** What a replay did: parked messages replayed, readings stored, already stored, rejected now, rows skipped. */
    public record Outcome(int messages, int stored, int duplicates, int rejected, int skipped) {
        static final Outcome NONE = new Outcome(0, 0, 0, 0, 0);

        Outcome plus(Outcome o) {
            return new Outcome(messages + o.messages, stored + o.stored, duplicates + o.duplicates,
                    rejected + o.rejected, skipped + o.skipped);
        }
    }

    private record Round(Outcome outcome, long lastId) {
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

    public ParkedReplay(DataSource dataSource, TelemetryStore store, TelemetryTopic topics, Duration maxAge) {
        this.dataSource = dataSource;
        this.store = store;
        this.decoder = new TelemetryDecoder(topics, arrival, maxAge);
    }

    /** A replay with ingest's own store, for the topic prefix and maximum reading age ingest runs with. */
    public static ParkedReplay of(DataSource dataSource, String topicPrefix, Duration maxAge) {
        return new ParkedReplay(dataSource, new TelemetryStore(new BinDirectory(Duration.ZERO, Duration.ZERO)),
                new TelemetryTopic(topicPrefix), maxAge);
    }

    /** Replays every parked message (of {@code binId}, or of every bin when null), {@code batchSize} per commit. */
    public Outcome replay(String binId, int batchSize) throws SQLException {
        Outcome total = Outcome.NONE;
        long after = 0;
        while (true) {
            Round round = replayOnce(binId, batchSize, after);
            if (round == null) {
                return total;
            }
            total = total.plus(round.outcome());
            after = round.lastId();
        }
    }

    private Round replayOnce(String binId, int batchSize, long after) throws SQLException {
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
                delete(c, ids); // first, so that a rejection now (a bin retired since) takes the row's place
                StoreResult result = batch.isEmpty() ? StoreResult.EMPTY : store.write(c, batch);
                c.commit();
                return new Round(new Outcome(ids.size(), result.stored(), result.duplicates(),
                        result.rejections().size(), claimed - ids.size()), lastId);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void delete(Connection c, List<Long> ids) throws SQLException {
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
