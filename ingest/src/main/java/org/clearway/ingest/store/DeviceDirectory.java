package org.clearway.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;
import org.clearway.core.contract.devices.DeviceModel;
import org.clearway.core.contract.devices.FrameReadings;
import org.clearway.core.contract.devices.Uplink;
import org.clearway.ingest.message.Envelope;
import org.clearway.ingest.message.StatusEvent;

/**
 * The decode step of network servers' uplinks, in the batch's transaction: which bin each device
 * was on at its uplink's time and what model it is (one query for the batch), then its frame through
 * the model's decoder and the contract's checks ({@link FrameReadings}). A device that is not
 * registered, or was on no bin then, is rejected {@code unknown_device}. A network server's status of a device
 * ({@link StatusEvent}) becomes its device's status with the bin it was on then; a status event alone of a device
 * not registered is rejected {@code unknown_device}.
 */
public final class DeviceDirectory {
    static final String FIND_ASSIGNMENTS = """
            SELECT t.i, d.model, a.bin_id
              FROM unnest(?::text[], ?::timestamptz[]) WITH ORDINALITY AS t(device_id, at, i)
              JOIN device_assignments a ON a.device_id = t.device_id AND a.valid_from <= t.at
                                       AND (a.valid_to IS NULL OR a.valid_to > t.at)
              JOIN devices d ON d.id = a.device_id
            """;

    /** A status's device and the bin it was on then (none: null); no row when the device is not registered. */
    static final String DEVICE_AND_BIN = """
            SELECT d.id, a.bin_id
              FROM devices d
              LEFT JOIN device_assignments a ON a.device_id = d.id AND a.valid_from <= ?::timestamptz
                                            AND (a.valid_to IS NULL OR a.valid_to > ?::timestamptz)
             WHERE d.id = ?
            """;

    private record Assignment(String binId, DeviceModel model) {
    }

    /**
     * A batch resolved.
     *
     * @param batch    every uplink decoded for the bin its device was on; other envelopes as they are
     * @param statuses what the registered devices' frames say of the devices themselves (battery, tilt)
     */
    public record Resolved(List<Envelope> batch, List<DeviceStatus> statuses) {
    }

    private final FrameReadings readings;
    private final DeviceStatus.LowBattery lowBattery;

    public DeviceDirectory(FrameReadings readings, DeviceStatus.LowBattery lowBattery) {
        this.readings = readings;
        this.lowBattery = lowBattery;
    }

    public Resolved resolve(Connection c, List<Envelope> batch) throws SQLException {
        List<Envelope> uplinks = batch.stream().filter(e -> e.uplink() != null).toList();
        if (uplinks.isEmpty() && batch.stream().noneMatch(e -> e.status() != null)) {
            return new Resolved(batch, List.of());
        }
        Assignment[] found = uplinks.isEmpty() ? new Assignment[0] : find(c, uplinks);
        List<Envelope> resolved = new ArrayList<>(batch.size());
        List<DeviceStatus> statuses = new ArrayList<>();
        int k = 0;
        for (Envelope e : batch) {
            if (e.uplink() == null && e.status() == null) {
                resolved.add(e);
                continue;
            }
            if (e.uplink() != null) {
                Assignment a = found[k++];
                resolved.add(e.withDecoded(decode(e, a)));
                if (a != null) {
                    DeviceStatus.ofFrame(a.model(), e.uplink(), a.binId(), e.message().receivedAt(), lowBattery)
                            .ifPresent(statuses::add);
                }
            }
            if (e.status() != null) {
                Optional<DeviceStatus> status = status(c, e.status(), e.message().receivedAt());
                status.ifPresent(statuses::add);
                if (e.uplink() == null) {
                    // A status event alone: stored as its device's status, or kept when nobody registered the device.
                    resolved.add(e.withDecoded(status.isPresent() ? new DecodedMessage(null, List.of(), List.of())
                            : DecodedMessage.rejected(null, Rejection.ofMessage(RejectReason.UNKNOWN_DEVICE, "device "
                            + e.status().deviceId() + " is not registered: its status event is kept",
                            e.message().payload()))));
                }
            }
        }
        return new Resolved(resolved, statuses);
    }

    /** A network server's status of a registered device (on a bin then or not); empty when the device is unknown. */
    private Optional<DeviceStatus> status(Connection c, StatusEvent s, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DEVICE_AND_BIN)) {
            ps.setString(1, s.measuredAt().toString());
            ps.setString(2, s.measuredAt().toString());
            ps.setString(3, s.deviceId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DeviceStatus(s.deviceId(), s.measuredAt(), s.source(), receivedAt, rs.getString(2),
                        s.batteryPct(), null, s.externalPower(), null, lowBattery.low(s.batteryPct(), null)));
            }
        }
    }

    private DecodedMessage decode(Envelope e, Assignment a) {
        Uplink u = e.uplink();
        if (a == null) {
            return DecodedMessage.rejected(null, Rejection.ofMessage(RejectReason.UNKNOWN_DEVICE, "device " + u.deviceId()
                    + " is not registered or was on no bin at " + u.receivedAt()
                    + ": put it on its bin (PUT /bins/{id}/device or the CSV import) before it sends",
                    e.message().payload()));
        }
        return readings.decode(a.binId(), a.model(), u, e.message().payload());
    }

    private static Assignment[] find(Connection c, List<Envelope> uplinks) throws SQLException {
        Assignment[] found = new Assignment[uplinks.size()];
        String[] ids = new String[uplinks.size()];
        String[] times = new String[uplinks.size()];
        for (int i = 0; i < ids.length; i++) {
            Uplink u = uplinks.get(i).uplink();
            ids[i] = u.deviceId();
            times[i] = u.receivedAt() == null ? null : u.receivedAt().toString();
        }
        try (PreparedStatement ps = c.prepareStatement(FIND_ASSIGNMENTS)) {
            ps.setArray(1, c.createArrayOf("text", ids));
            ps.setArray(2, c.createArrayOf("text", times));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DeviceModel model = DeviceModel.fromCode(rs.getString(2)).orElse(null);
                    if (model != null) {
                        found[rs.getInt(1) - 1] = new Assignment(rs.getString(3), model);
                    }
                }
            }
        }
        return found;
    }
}
