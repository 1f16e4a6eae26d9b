package org.clearway.simulator.devices;

import java.io.ByteArrayOutputStream;

/**
 * The vendors' uplink frames, encoded as the devices send them (the formats ingest's decoders read, from the
 * vendors' published payload tables):
 *
 * <ul>
 *   <li>Milesight EM310-UDL: channels {@code id type data}, little-endian: {@code 01 75} battery %,
 *       {@code 03 82} distance mm, {@code 04 00} position (0 normal, 1 tilt);</li>
 *   <li>Milesight EM400-UDL: {@code 01 75} battery %, {@code 03 67} temperature (0.1 °C, signed),
 *       {@code 04 82} distance mm, {@code 05 00} position;</li>
 *   <li>Dragino LDDS75 (firmware 1.1.4+, 8 bytes, big-endian): battery mV, distance mm, interrupt flag,
 *       DS18B20 temperature (0.1 °C, signed; 0 when none), sensor flag (1: probe present);</li>
 *   <li>Decentlab DL-MBX, protocol 2 (big-endian): version 2, device id, sensor flags 0x0003, distance mm and
 *       valid samples, battery mV.</li>
 * </ul>
 */
public final class DeviceFrames {
    private DeviceFrames() {
    }

    /** @param batteryPct null leaves the battery channel out */
    public static byte[] em310(int distanceMm, Integer batteryPct, boolean tilt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        if (batteryPct != null) {
            channel(out, 0x01, 0x75);
            out.write(batteryPct);
        }
        channel(out, 0x03, 0x82);
        u16le(out, distanceMm);
        channel(out, 0x04, 0x00);
        out.write(tilt ? 1 : 0);
        return out.toByteArray();
    }

    /** @param batteryPct null leaves the battery channel out; {@code tempC} null leaves the temperature out */
    public static byte[] em400(int distanceMm, Integer batteryPct, Double tempC, boolean tilt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(14);
        if (batteryPct != null) {
            channel(out, 0x01, 0x75);
            out.write(batteryPct);
        }
        if (tempC != null) {
            channel(out, 0x03, 0x67);
            u16le(out, (int) Math.round(tempC * 10) & 0xFFFF);
        }
        channel(out, 0x04, 0x82);
        u16le(out, distanceMm);
        channel(out, 0x05, 0x00);
        out.write(tilt ? 1 : 0);
        return out.toByteArray();
    }

    /** @param tempC null when no DS18B20 probe is attached (sent as 0) */
    public static byte[] ldds75(int distanceMm, int batteryMv, Double tempC) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8);
        u16be(out, batteryMv & 0x3FFF);
        u16be(out, distanceMm);
        out.write(0); // no interrupt
        u16be(out, tempC == null ? 0 : (int) Math.round(tempC * 10) & 0xFFFF);
        out.write(1); // ultrasonic probe detected
        return out.toByteArray();
    }

    public static byte[] dlMbx(int deviceId, int distanceMm, int validSamples, int batteryMv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(11);
        out.write(2);
        u16be(out, deviceId & 0xFFFF);
        u16be(out, 0x0003);
        u16be(out, distanceMm);
        u16be(out, validSamples);
        u16be(out, batteryMv);
        return out.toByteArray();
    }

    private static void channel(ByteArrayOutputStream out, int id, int type) {
        out.write(id);
        out.write(type);
    }

    private static void u16le(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void u16be(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xFF);
        out.write(v & 0xFF);
    }
}
