package org.clearway.dispatch.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.decisions.BinState;

/**
 * The decision engine's state per bin, as JSON in {@code bin_decisions}. Works on the caller's connection and never
 * commits: load and save inside the transaction that stores the jobs the state asked for.
 */
public final class DecisionStateStore {

    static final String SELECT_FOR_UPDATE = "SELECT state::text FROM bin_decisions WHERE bin_id = ? FOR UPDATE";

    static final String SELECT_ALL_FOR_UPDATE = "SELECT bin_id, state::text FROM bin_decisions WHERE bin_id = ANY (?) "
            + "ORDER BY bin_id FOR UPDATE";

    static final String UPSERT = "INSERT INTO bin_decisions (bin_id, state, last_reading_at, updated_at) "
            + "VALUES (?, ?::jsonb, ?, ?) "
            + "ON CONFLICT (bin_id) DO UPDATE SET state = excluded.state, last_reading_at = excluded.last_reading_at, "
            + "updated_at = excluded.updated_at";

    private final ObjectMapper json;
    private final Clock clock;

    /** @param json a mapper of {@link Json#mapper()} */
    public DecisionStateStore(ObjectMapper json, Clock clock) {
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The bin's stored state, its row locked until the transaction ends; empty when none is stored.
     *
     * @throws UnreadableStateException when the stored JSON is not a state this version can read
     */
    public Optional<BinState> load(Connection c, String binId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_FOR_UPDATE)) {
            ps.setString(1, binId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String text = rs.getString(1);
                try {
                    return Optional.of(json.readValue(text, BinState.class));
                } catch (IOException | RuntimeException e) {
                    throw new UnreadableStateException(binId, e);
                }
            }
        }
    }

    /**
     * The stored states of {@code binIds} in one query, their rows locked until the transaction ends: empty for a bin
     * with none stored; a bin whose state cannot be read is left out ({@link #load} tells why).
     */
    public Map<String, Optional<BinState>> loadAll(Connection c, Collection<String> binIds) throws SQLException {
        Map<String, Optional<BinState>> found = new HashMap<>();
        for (String id : binIds) {
            found.put(id, Optional.empty());
        }
        try (PreparedStatement ps = c.prepareStatement(SELECT_ALL_FOR_UPDATE)) {
            ps.setArray(1, c.createArrayOf("text", binIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String binId = rs.getString(1);
                    try {
                        found.put(binId, Optional.of(json.readValue(rs.getString(2), BinState.class)));
                    } catch (IOException | RuntimeException e) {
                        found.remove(binId);
                    }
                }
            }
        }
        return found;
    }

    public void save(Connection c, BinState state) throws SQLException {
        saveAll(c, List.of(state));
    }

    /** Saves the states in one round trip (a JDBC batch). */
    public void saveAll(Connection c, Collection<BinState> states) throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (BinState state : states) {
                ps.setString(1, state.binId());
                ps.setString(2, text(state));
                if (state.lastReadingAt() == null) {
                    ps.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setTimestamp(3, Timestamp.from(state.lastReadingAt()));
                }
                ps.setTimestamp(4, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private String text(BinState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the state of bin " + state.binId() + " cannot be written as JSON", e);
        }
    }

    /** The stored state of a bin cannot be read (written by another version, or damaged). */
    public static final class UnreadableStateException extends IllegalStateException {
        public UnreadableStateException(String binId, Throwable cause) {
            super("the stored decision state of bin " + binId + " cannot be read: " + cause.getMessage(), cause);
        }
    }
}
