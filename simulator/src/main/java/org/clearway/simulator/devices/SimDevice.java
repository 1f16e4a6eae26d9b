package org.clearway.simulator.devices;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.clearway.simulator.city.SimBin;

/**
 * A simulated bin's LoRaWAN device: its DevEUI (16 lower-case hex digits, derived from the bin's id, so the same
 * bin has the same device in every run), The Things Stack device id ({@code eui-} and the DevEUI, as its console
 * names devices by default), and its kind.
 */
public record SimDevice(SimBin bin, DeviceKind kind, String devEui) {
    public static SimDevice of(SimBin bin, DeviceKind kind) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("clearway-sim-device:" + bin.id())
                    .getBytes(StandardCharsets.UTF_8));
            return new SimDevice(bin, kind, HexFormat.of().formatHex(hash, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The registry's device id: the DevEUI (The Things Stack sends it as {@code end_device_ids.dev_eui}). */
    public String id() {
        return devEui;
    }

    public String ttsDeviceId() {
        return "eui-" + devEui;
    }
}
