package org.clearway.dispatch.rounds;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.decisions.BinState;
import org.clearway.dispatch.plan.ProblemBuilder;
import org.clearway.dispatch.store.Codes;

/**
 * The rounds chore's reads and writes on the caller's connection, never committing: the bins of every group with
 * their decision state, the {@code rounds} rows (V16), and the streams' shift hours from the active trucks.
 */
public final class RoundsStore {

    /** Each zone with the district at the top of its tree. */
    static final String DISTRICT_OF_ZONE = "WITH RECURSIVE tree(id, district_id) AS ("
            + "SELECT id, id FROM zones WHERE parent_id IS NULL "
            + "UNION ALL SELECT z.id, t.district_id FROM zones z JOIN tree t ON z.parent_id = t.id) ";

    /**
     * A bin a truck collected on this shift day counts as taken care of until the next: the policy evaluation selects a
     * day's bins once, before the shift, while this chore runs every 15 minutes, and a bin just emptied on a round day
     * can be at risk again at once (its early estimate of "full" falls before the end of its group's next round, days
     * away), so without this it was collected two or three times a day (issue 12: a lab-city run had 574 collections on
     * 379 bin-days).
     */
    static final String OR_COLLECTED_TODAY = "OR EXISTS (SELECT 1 FROM collections c "
            + "WHERE c.collected_at >= ? AND c.bin_id = b.id)";

    static final String SELECT_BINS = DISTRICT_OF_ZONE
            + "SELECT b.id, t.district_id, b.stream, b.zone_id, b.lat, b.lon, "
            + "coalesce(b.threshold_pct, w.default_threshold_pct) AS threshold_pct, d.state::text AS state, "
            + "EXISTS (SELECT 1 FROM jobs j WHERE j.bin_id = b.id AND j.reason = ANY (?) "
            + "AND j.state NOT IN " + Codes.FINAL_STATES_SQL + ") " + OR_COLLECTED_TODAY + " AS open_collection "
            + "FROM bins b JOIN tree t ON t.id = b.zone_id JOIN waste_streams w ON w.code = b.stream "
            + "LEFT JOIN bin_decisions d ON d.bin_id = b.id WHERE b.retired_at IS NULL ORDER BY b.id";

    static final String SELECT_ROUNDS = "SELECT district_id, stream, weekdays, pinned, fitted_at, longest_gap_days, "
            + "selected_on, next_round_at, bins_at_risk, bins_selected FROM rounds ORDER BY district_id, stream";

    static final String UPSERT_ROUND = "INSERT INTO rounds (district_id, stream, weekdays, pinned, fitted_at, "
            + "longest_gap_days, selected_on, next_round_at, bins_at_risk, bins_selected, updated_at) "
            + "VALUES (?, ?, ?::smallint[], false, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (district_id, stream) DO UPDATE SET "
            + "weekdays = CASE WHEN rounds.pinned THEN rounds.weekdays ELSE excluded.weekdays END, "
            + "fitted_at = CASE WHEN rounds.pinned THEN rounds.fitted_at ELSE excluded.fitted_at END, "
            + "longest_gap_days = CASE WHEN rounds.pinned THEN rounds.longest_gap_days ELSE excluded.longest_gap_days END, "
            + "selected_on = excluded.selected_on, next_round_at = excluded.next_round_at, "
            + "bins_at_risk = excluded.bins_at_risk, bins_selected = excluded.bins_selected, updated_at = excluded.updated_at";

    /** Per stream, the earliest shift start and latest shift end of the active trucks that collect it. */
    static final String SELECT_SHIFTS = "SELECT s AS stream, min(t.shift_start) AS shift_start, max(t.shift_end) AS shift_end "
            + "FROM trucks t CROSS JOIN LATERAL unnest(t.streams) AS s WHERE t.status = 'active' GROUP BY s";

    private final ObjectMapper json;

    /** @param json a mapper of {@code Json.mapper()} (reads the engine's states) */
    public RoundsStore(ObjectMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The shift hours of a stream's trucks: local times in the city's time zone. */
    public record Shift(LocalTime start, LocalTime end) {
    }

    /**
     * Every unretired bin with its group and state; a bin whose stored state cannot be read starts from none. A bin
     * with an open collection job, or collected since {@code dayStart} (the shift day's start), is taken care of.
     */
    public List<GroupBin> bins(Connection c, Instant dayStart) throws SQLException {
        List<GroupBin> bins = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_BINS)) {
            ps.setArray(1, c.createArrayOf("text", ProblemBuilder.COLLECTION_REASONS.stream().map(Codes::of).toArray()));
            ps.setTimestamp(2, Timestamp.from(dayStart));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    bins.add(new GroupBin(id, rs.getString("district_id"), rs.getString("stream"), rs.getString("zone_id"),
                            rs.getDouble("lat"), rs.getDouble("lon"), rs.getDouble("threshold_pct"),
                            state(id, rs.getString("state")), rs.getBoolean("open_collection")));
                }
            }
        }
        return bins;
    }

    /** The stored rounds, by group key. */
    public Map<String, Round> rounds(Connection c) throws SQLException {
        Map<String, Round> rounds = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_ROUNDS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Round round = new Round(rs.getString("district_id"), rs.getString("stream"),
                        weekdays(rs.getArray("weekdays")), rs.getBoolean("pinned"), instant(rs, "fitted_at"),
                        (Double) rs.getObject("longest_gap_days"), rs.getObject("selected_on", LocalDate.class), instant(rs, "next_round_at"),
                        rs.getInt("bins_at_risk"), rs.getInt("bins_selected"));
                rounds.put(round.key(), round);
            }
        }
        return rounds;
    }

    /** Stores a group's rounds; the days, fit and gap of a pinned group stay as the city left them. */
    public void save(Connection c, Round round, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_ROUND)) {
            ps.setString(1, round.districtId());
            ps.setString(2, round.stream());
            ps.setString(3, "{" + String.join(",", round.weekdays().stream().map(d -> Integer.toString(d.getValue()))
                    .toList()) + "}");
            setInstant(ps, 4, round.fittedAt());
            if (round.longestGapDays() == null) {
                ps.setNull(5, Types.DOUBLE);
            } else {
                ps.setDouble(5, round.longestGapDays());
            }
            if (round.selectedOn() == null) {
                ps.setNull(6, Types.DATE);
            } else {
                ps.setObject(6, round.selectedOn());
            }
            setInstant(ps, 7, round.nextRoundAt());
            ps.setInt(8, round.binsAtRisk());
            ps.setInt(9, round.binsSelected());
            ps.setTimestamp(10, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** The shift hours per stream, from the active trucks. */
    public Map<String, Shift> shifts(Connection c) throws SQLException {
        Map<String, Shift> shifts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_SHIFTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                shifts.put(rs.getString("stream"), new Shift(rs.getObject("shift_start", LocalTime.class),
                        rs.getObject("shift_end", LocalTime.class)));
            }
        }
        return shifts;
    }

    private BinState state(String binId, String text) {
        if (text == null) {
            return BinState.initial(binId);
        }
        try {
            return json.readValue(text, BinState.class);
        } catch (IOException | RuntimeException e) {
            return BinState.initial(binId);
        }
    }

    static List<DayOfWeek> weekdays(Array array) throws SQLException {
        List<DayOfWeek> days = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            days.add(DayOfWeek.of(((Number) o).intValue()));
        }
        return days;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(at));
        }
    }
}
