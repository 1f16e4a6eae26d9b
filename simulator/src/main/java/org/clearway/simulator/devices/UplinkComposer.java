package org.clearway.simulator.devices;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.clearway.core.contract.Alarm;
import org.clearway.core.contract.FillLevel;
import org.clearway.simulator.expect.Expectation;
import org.clearway.simulator.expect.ExpectedReading;
import org.clearway.simulator.expect.ReadingKey;
import org.clearway.simulator.city.SimBin;
import org.clearway.simulator.model.SensorReading;
import org.clearway.simulator.payload.Outgoing;

/**
 * A LoRaWAN bin sensor's readings as its network server publishes them: one uplink per reading (a LoRaWAN device
 * sends what it measures, one frame at a time), the vendor's frame inside ChirpStack's or The Things Stack's JSON,
 * the server's time the reading's. The expectation is the fill ingest computes from the frame's distance with the
 * bin's depth and sensor offset (a sensor reporting a fill is sent as the distance that fill stands for, to the
 * millimetre; a distance under the model's minimum or over the contract's maximum is sent at that bound).
 */
public final class UplinkComposer {
    /** The Dragino LDDS75's probe measures from 280 mm: its decoder refuses anything closer. */
    static final int LDDS75_MIN_MM = 280;
    static final int MAX_DISTANCE_MM = 10_000;
    private static final String KIND = "uplink";

    private final String topicPrefix;

    public UplinkComposer(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    /** The uplinks for what the device of {@code device.bin()} measured ({@code sent} oldest first). */
    public List<Outgoing> compose(SimDevice device, List<SensorReading> sent) {
        List<Outgoing> out = new ArrayList<>(sent.size());
        for (SensorReading r : sent) {
            out.add(uplink(device, r));
        }
        return out;
    }

    Outgoing uplink(SimDevice device, SensorReading r) {
        SimBin bin = device.bin();
        DeviceKind kind = device.kind();
        int distance = distance(kind, bin, r);
        byte[] frame = frame(kind, device, distance, r);
        Long fCnt = r.seq() == null ? null : r.seq() & 0xFFFF_FFFFL;
        String json;
        String topic;
        if (kind.server() == DeviceKind.NetworkServer.CHIRPSTACK) {
            topic = NetworkServerJson.chirpstackTopic(topicPrefix, device.devEui());
            json = NetworkServerJson.chirpstack(device.devEui(), r.ts(), fCnt, kind.fPort(), frame, r.rssi());
        } else {
            topic = NetworkServerJson.ttsTopic(topicPrefix, device.ttsDeviceId());
            json = NetworkServerJson.tts(device.ttsDeviceId(), device.devEui(), r.ts(), fCnt, kind.fPort(), frame, r.rssi());
        }
        double fill = FillLevel.fromDistance(distance, bin.depthMm(), bin.sensorOffsetMm());
        return new Outgoing(topic, json.getBytes(StandardCharsets.UTF_8), new Expectation(
                List.of(new ExpectedReading(new ReadingKey(bin.id(), r.ts()), fill)), List.of(), KIND, false));
    }

    /** The distance the sensor measures: its own, or the one its fill stands for; within the model's range. */
    static int distance(DeviceKind kind, SimBin bin, SensorReading r) {
        long d = r.distanceMm() != null ? r.distanceMm()
                : Math.round(bin.sensorOffsetMm() + bin.depthMm() * (1 - r.fill() / 100.0));
        int min = kind == DeviceKind.TTS_LDDS75 ? LDDS75_MIN_MM : 1;
        return (int) Math.max(min, Math.min(MAX_DISTANCE_MM, d));
    }

    private static byte[] frame(DeviceKind kind, SimDevice device, int distance, SensorReading r) {
        boolean tilt = Boolean.TRUE.equals(r.tilt()) || r.alarms().contains(Alarm.TILT);
        Integer pct = r.battery() == null ? null : (int) Math.max(0, Math.min(100, Math.round(r.battery())));
        // A lithium cell from about 3.0 V empty to 3.6 V full, for the models that report volts.
        int mv = 3000 + (int) Math.round(6 * (pct == null ? 80 : pct));
        Double temp = r.tempC() == null ? null : Math.max(-40, Math.min(125, r.tempC()));
        return switch (kind) {
            case CHIRPSTACK_EM310, TTS_EM310 -> DeviceFrames.em310(distance, pct, tilt);
            case CHIRPSTACK_EM400 -> DeviceFrames.em400(distance, pct, temp, tilt);
            case TTS_LDDS75 -> DeviceFrames.ldds75(distance, mv, temp);
            case CHIRPSTACK_DL_MBX -> DeviceFrames.dlMbx(Integer.parseInt(device.devEui().substring(12), 16), distance,
                    5, mv);
            case CONTRACT -> throw new IllegalArgumentException("a contract sensor sends no LoRaWAN frame");
        };
    }
}
