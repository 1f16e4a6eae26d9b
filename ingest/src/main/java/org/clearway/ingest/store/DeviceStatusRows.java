package org.clearway.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes devices' statuses in the batch's transaction: the history (a repeat is stored once), the latest per device
 * (never going back in time), and a low battery as the {@code low_battery} alarm of the device's bin (source
 * {@code rule}; one live alarm per bin, its occurrences counting the low statuses; cleared by an operator once the
 * battery is changed).
 */
final class DeviceStatusRows {
    static final String COLUMNS = "device_id, measured_at, source, received_at, bin_id, battery_pct, battery_v, "
            + "external_power, tilt, low_battery";
    static final String INSERT_HISTORY = "INSERT INTO device_status_history (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    static final String UPSERT_LATEST = "INSERT INTO device_status (" + COLUMNS + """
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id) DO UPDATE SET measured_at = EXCLUDED.measured_at, source = EXCLUDED.source,
                received_at = EXCLUDED.received_at, bin_id = EXCLUDED.bin_id, battery_pct = EXCLUDED.battery_pct,
                battery_v = EXCLUDED.battery_v, external_power = EXCLUDED.external_power, tilt = EXCLUDED.tilt,
                low_battery = EXCLUDED.low_battery
            WHERE device_status.measured_at <= EXCLUDED.measured_at""";
    static final String RAISE_LOW_BATTERY = """
            INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at, occurrences, detail)
            VALUES (?, 'low_battery', 'rule', ?, ?, ?, ?)
            ON CONFLICT (bin_id, kind) WHERE state <> 'cleared' DO UPDATE
               SET last_seen_at = greatest(alarms.last_seen_at, EXCLUDED.last_seen_at),
                   occurrences = least(2147483647::bigint, alarms.occurrences::bigint + EXCLUDED.occurrences)::integer,
                   detail = EXCLUDED.detail""";

    private DeviceStatusRows() {
    }

    static void write(Connection c, List<DeviceStatus> statuses) throws SQLException {
        if (statuses.isEmpty()) {
            return;
        }
        try (PreparedStatement history = c.prepareStatement(INSERT_HISTORY);
             PreparedStatement latest = c.prepareStatement(UPSERT_LATEST);
             PreparedStatement alarm = c.prepareStatement(RAISE_LOW_BATTERY)) {
            for (DeviceStatus s : statuses) {
                bind(history, s);
                history.addBatch();
            }
            // One row per device and per bin in each statement: the driver sends a batch as one multi-row INSERT, and
            // ON CONFLICT DO UPDATE may not touch a row twice (a redelivered frame in the same batch did).
            for (DeviceStatus s : latestPerDevice(statuses)) {
                bind(latest, s);
                latest.addBatch();
            }
            Map<String, BinLows> lows = lowBatteryPerBin(statuses);
            for (BinLows low : lows.values()) {
                DeviceStatus s = low.latest();
                alarm.setString(1, s.binId());
                alarm.setTimestamp(2, Timestamp.from(s.measuredAt()));
                alarm.setTimestamp(3, Timestamp.from(s.measuredAt()));
                alarm.setInt(4, low.count());
                alarm.setString(5, "device " + s.deviceId() + " reports its battery at "
                        + (s.batteryPct() != null ? s.batteryPct() + " %" : s.batteryV() + " V") + " (" + s.source()
                        + ", " + s.measuredAt() + "): change it before the sensor stops");
                alarm.addBatch();
            }
            history.executeBatch();
            latest.executeBatch();
            if (!lows.isEmpty()) {
                alarm.executeBatch();
            }
        }
    }

    /** The newest status of each device in the batch (the later one of equal times), in first-seen order. */
    static List<DeviceStatus> latestPerDevice(List<DeviceStatus> statuses) {
        Map<String, DeviceStatus> latest = new LinkedHashMap<>();
        for (DeviceStatus s : statuses) {
            latest.merge(s.deviceId(), s, (old, now) -> now.measuredAt().isBefore(old.measuredAt()) ? old : now);
        }
        return List.copyOf(latest.values());
    }

    /** Per bin, its low-battery statuses in the batch: how many, and the newest. */
    static Map<String, BinLows> lowBatteryPerBin(List<DeviceStatus> statuses) {
        Map<String, BinLows> lows = new LinkedHashMap<>();
        for (DeviceStatus s : statuses) {
            if (s.lowBattery() && s.binId() != null) {
                lows.merge(s.binId(), new BinLows(s, 1), (old, now) -> new BinLows(
                        now.latest().measuredAt().isBefore(old.latest().measuredAt()) ? old.latest() : now.latest(),
                        old.count() + 1));
            }
        }
        return lows;
    }

    /** A bin's low-battery statuses in one batch. */
    record BinLows(DeviceStatus latest, int count) {
    }

    private static void bind(PreparedStatement ps, DeviceStatus s) throws SQLException {
        ps.setString(1, s.deviceId());
        ps.setTimestamp(2, Timestamp.from(s.measuredAt()));
        ps.setString(3, s.source());
        ps.setTimestamp(4, Timestamp.from(s.receivedAt()));
        ps.setString(5, s.binId());
        setDouble(ps, 6, s.batteryPct());
        setDouble(ps, 7, s.batteryV());
        setBool(ps, 8, s.externalPower());
        setBool(ps, 9, s.tilt());
        ps.setBoolean(10, s.lowBattery());
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static void setBool(PreparedStatement ps, int i, Boolean v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, v);
        }
    }
}
