package org.clearway.core.contract.devices;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The downlink that sets a device's reporting interval, in each model's own configuration frame.
 *
 * <ul>
 *   <li>Milesight EM310-UDL and EM400-UDL: fPort 85, channel {@code ff}, type {@code 03} (report interval), uint16
 *       little-endian seconds, 60 to 64,800: {@code ff03b004} is 1,200 s (Milesight's downlink command tables, e.g.
 *       the EM300 and EM500 series pages at milesight.com/products/docs, "Report Interval | ff | 03 | 2 | UINT16,
 *       Unit: s"; the range from Milesight's EM400-UDL encoder, Milesight-IoT/SensorDecoders
 *       {@code EM400-UDL_Encoder.js}, {@code report_interval} "range: [60, 64800]"; the EM310-UDL has no published
 *       encoder there and is taken to share its EM300 family's command).</li>
 *   <li>Dragino LDDS75: type code {@code 01} (TDC, transmit interval) and 24-bit big-endian seconds:
 *       {@code 01000258} is 600 s (Dragino wiki, "How to set the transmit time interval"). Dragino's nodes take it on
 *       any port ("The FPort is not fix", Dragino's LT series user manual, "Downlink Payload"); it is sent on fPort 2,
 *       the device's uplink port.</li>
 *   <li>Decentlab DL-MBX and contract devices: no interval downlink that one can rely on; empty.</li>
 * </ul>
 */
public final class ReportingFrames {
    /** Milesight's downlink port. */
    public static final int MILESIGHT_PORT = 85;
    /** The port the Dragino command goes on. */
    public static final int DRAGINO_PORT = 2;
    static final int MILESIGHT_MIN_S = 60;
    static final int MILESIGHT_MAX_S = 64_800;
    static final int DRAGINO_MIN_S = 1;
    static final int DRAGINO_MAX_S = 0xFF_FFFF;

    /** A frame to send and its LoRaWAN port. */
    public record Frame(int fPort, byte[] payload) {
        public Frame {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && f.fPort == fPort && Arrays.equals(f.payload, payload);
        }

        @Override
        public int hashCode() {
            return 31 * fPort + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Frame[fPort=" + fPort + ", payload=" + java.util.HexFormat.of().formatHex(payload) + "]";
        }
    }

    private ReportingFrames() {
    }

    /** Whether the model has an interval frame. */
    public static boolean supports(DeviceModel model) {
        return switch (model) {
            case MILESIGHT_EM310_UDL, MILESIGHT_EM400_UDL, DRAGINO_LDDS75 -> true;
            case DECENTLAB_DL_MBX, CONTRACT_JSON -> false;
        };
    }

    /**
     * The frame setting {@code interval} (whole seconds) on a device of {@code model}; empty for a model without one.
     *
     * @throws IllegalArgumentException when the interval is outside the model's range
     */
    public static Optional<Frame> interval(DeviceModel model, Duration interval) {
        Objects.requireNonNull(model, "model");
        long seconds = interval.toSeconds();
        return switch (model) {
            case MILESIGHT_EM310_UDL, MILESIGHT_EM400_UDL -> {
                int s = checked(seconds, MILESIGHT_MIN_S, MILESIGHT_MAX_S, model);
                yield Optional.of(new Frame(MILESIGHT_PORT, new byte[] {(byte) 0xff, 0x03, (byte) s, (byte) (s >>> 8)}));
            }
            case DRAGINO_LDDS75 -> {
                int s = checked(seconds, DRAGINO_MIN_S, DRAGINO_MAX_S, model);
                yield Optional.of(new Frame(DRAGINO_PORT, new byte[] {0x01, (byte) (s >>> 16), (byte) (s >>> 8), (byte) s}));
            }
            case DECENTLAB_DL_MBX, CONTRACT_JSON -> Optional.empty();
        };
    }

    /** The interval a frame of {@code model} sets, empty when it is not that model's interval frame. */
    public static Optional<Duration> read(DeviceModel model, int fPort, byte[] payload) {
        return switch (model) {
            case MILESIGHT_EM310_UDL, MILESIGHT_EM400_UDL -> fPort == MILESIGHT_PORT && payload.length == 4
                    && (payload[0] & 0xff) == 0xff && payload[1] == 0x03
                    ? Optional.of(Duration.ofSeconds((payload[2] & 0xff) | (payload[3] & 0xff) << 8)) : Optional.empty();
            case DRAGINO_LDDS75 -> payload.length == 4 && payload[0] == 0x01
                    ? Optional.of(Duration.ofSeconds((payload[1] & 0xff) << 16 | (payload[2] & 0xff) << 8
                    | (payload[3] & 0xff))) : Optional.empty();
            case DECENTLAB_DL_MBX, CONTRACT_JSON -> Optional.empty();
        };
    }

    private static int checked(long seconds, int min, int max, DeviceModel model) {
        if (seconds < min || seconds > max) {
            throw new IllegalArgumentException("a reporting interval of " + seconds + " s does not fit "
                    + model.code() + " (" + min + " to " + max + " s)");
        }
        return (int) seconds;
    }
}
