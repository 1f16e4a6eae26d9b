package org.clearway.core.contract.devices;

/**
 * Dragino LDDS75 ultrasonic distance sensor, decoded from its raw bytes by the user manual's uplink
 * table (section 2.3, port 2, big-endian): battery (2: millivolts in the low 14 bits), distance
 * (2: mm), then on firmware 1.1.4 and later interrupt flag (1), DS18B20 temperature (2: signed,
 * tenths of a degree) and sensor flag (1: 1 = ultrasonic probe detected); earlier firmware sends 5
 * bytes (battery, distance, interrupt flag).
 *
 * <p>The community decoder in TheThingsNetwork/lorawan-devices ({@code vendor/dragino/ldds75.js})
 * is wrong: it reads the battery word as the distance and calls any frame that is not 5 bytes long
 * "No Sensor". Distance 0 means no probe, a distance under the probe's 280 mm minimum is invalid
 * (a bin filled up to the sensor): both are refused, never stored as a fill. A temperature word of
 * 0 is the firmware's "no DS18B20 attached" and is left out. The battery is a voltage: it stays out
 * of the contract's percent field.
 */
public final class DraginoLdds75 implements FrameDecoder {
    static final int MEASUREMENT_PORT = 2;
    static final int MIN_DISTANCE_MM = 280;

    @Override
    public DeviceFrame decode(int fPort, byte[] b) throws UndecodableFrame {
        Frames.require(fPort == MEASUREMENT_PORT || fPort < 0,
                "LDDS75: port " + fPort + " does not carry measurements (port 2 does)");
        Frames.require(b.length == 8 || b.length == 5,
                "LDDS75: a measurement frame is 8 bytes (firmware 1.1.4+) or 5 bytes, got " + b.length);
        double volts = (Frames.u16be(b, 0) & 0x3FFF) / 1000.0;
        int distance = Frames.u16be(b, 2);
        Frames.require(distance != 0, "LDDS75: distance 0: no ultrasonic probe detected");
        Double temp = null;
        if (b.length == 8) {
            Frames.require(Frames.u8(b, 7) == 1, "LDDS75: sensor flag " + Frames.u8(b, 7) + ": no ultrasonic probe detected");
            int rawTemp = Frames.s16be(b, 5);
            temp = rawTemp == 0 ? null : rawTemp / 10.0;
        }
        Frames.require(distance >= MIN_DISTANCE_MM, "LDDS75: distance " + distance
                + " mm is under the probe's 280 mm minimum: an invalid reading (waste up to the sensor?)");
        return new DeviceFrame(distance, null, volts, temp, null, null);
    }
}
