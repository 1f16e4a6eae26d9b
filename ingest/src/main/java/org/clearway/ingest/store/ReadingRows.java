package org.clearway.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.clearway.core.contract.Alarm;
import org.clearway.core.contract.Reading;

/** The readings of a batch as column arrays, bound to {@link TelemetryStore#INSERT_READINGS}. */
final class ReadingRows {
    /** The parameters a set of rows takes. */
    static final int COLUMNS = 11;

    private final List<String> binIds;
    private final List<String> measuredAt;
    private final List<String> receivedAt;
    private final List<Double> fill;
    private final List<Integer> distance;
    private final List<Long> seq;
    private final List<Double> battery;
    private final List<Double> tempC;
    private final List<Boolean> tilt;
    private final List<Short> rssi;
    private final List<String> alarms;

    ReadingRows(int capacity) {
        binIds = new ArrayList<>(capacity);
        measuredAt = new ArrayList<>(capacity);
        receivedAt = new ArrayList<>(capacity);
        fill = new ArrayList<>(capacity);
        distance = new ArrayList<>(capacity);
        seq = new ArrayList<>(capacity);
        battery = new ArrayList<>(capacity);
        tempC = new ArrayList<>(capacity);
        tilt = new ArrayList<>(capacity);
        rssi = new ArrayList<>(capacity);
        alarms = new ArrayList<>(capacity);
    }

    void add(Reading r, Instant received, double fillPct) {
        binIds.add(r.binId());
        measuredAt.add(r.measuredAt().toString());
        receivedAt.add(received.toString());
        fill.add(fillPct);
        distance.add(r.distanceMm());
        seq.add(r.seq());
        battery.add(r.battery());
        tempC.add(r.tempC());
        tilt.add(r.tilt());
        rssi.add(r.rssi() == null ? null : r.rssi().shortValue());
        alarms.add(r.alarms().isEmpty() ? null
                : r.alarms().stream().map(Alarm::wireName).collect(Collectors.joining(",")));
    }

    boolean isEmpty() {
        return binIds.isEmpty();
    }

    /** Binds the {@value #COLUMNS} arrays to the parameters after {@code offset}. */
    void bind(Connection c, PreparedStatement ps, int offset) throws SQLException {
        ps.setArray(offset + 1, c.createArrayOf("text", binIds.toArray()));
        ps.setArray(offset + 2, c.createArrayOf("text", measuredAt.toArray()));
        ps.setArray(offset + 3, c.createArrayOf("text", receivedAt.toArray()));
        ps.setArray(offset + 4, c.createArrayOf("float8", fill.toArray()));
        ps.setArray(offset + 5, c.createArrayOf("int4", distance.toArray()));
        ps.setArray(offset + 6, c.createArrayOf("int8", seq.toArray()));
        ps.setArray(offset + 7, c.createArrayOf("float8", battery.toArray()));
        ps.setArray(offset + 8, c.createArrayOf("float8", tempC.toArray()));
        ps.setArray(offset + 9, c.createArrayOf("bool", tilt.toArray()));
        ps.setArray(offset + 10, c.createArrayOf("int2", rssi.toArray()));
        ps.setArray(offset + 11, c.createArrayOf("text", alarms.toArray()));
    }
}
