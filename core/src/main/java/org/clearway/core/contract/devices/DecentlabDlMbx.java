package org.clearway.core.contract.devices;

/**
 * Decentlab DL-MBX ultrasonic distance sensor, Decentlab's protocol version 2
 * (decentlab/decentlab-decoders, DL-MBX): version (1: 2), device id (2), sensor flags (2), then
 * for each flag bit set, that sensor's 16-bit big-endian words: bit 0 distance (mm) and number of
 * valid samples, bit 1 battery (mV). A frame with only the battery holds no reading; a distance
 * of 0 valid samples is refused (the sensor saw no echo). The battery is a voltage: it stays out
 * of the contract's percent field.
 */
public final class DecentlabDlMbx implements FrameDecoder {
    static final int PROTOCOL_VERSION = 2;

    @Override
    public DeviceFrame decode(int fPort, byte[] b) throws UndecodableFrame {
        Frames.require(b.length >= 5, "DL-MBX: a frame has at least 5 header bytes, got " + b.length);
        Frames.require(Frames.u8(b, 0) == PROTOCOL_VERSION,
                "DL-MBX: protocol version " + Frames.u8(b, 0) + ", only version 2 is known");
        int flags = Frames.u16be(b, 3);
        Frames.require((flags & ~0x3) == 0, String.format("DL-MBX: unknown sensor flags %04x", flags));
        int expected = 5 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 2 : 0);
        Frames.require(b.length == expected,
                "DL-MBX: flags " + flags + " make a frame of " + expected + " bytes, got " + b.length);
        int at = 5;
        Integer distance = null;
        if ((flags & 1) != 0) {
            distance = Frames.u16be(b, at);
            int validSamples = Frames.u16be(b, at + 2);
            Frames.require(validSamples > 0, "DL-MBX: distance " + distance + " mm from 0 valid samples: no echo");
            at += 4;
        }
        Double volts = (flags & 2) != 0 ? Frames.u16be(b, at) / 1000.0 : null;
        return new DeviceFrame(distance, null, volts, null, null, null);
    }
}
