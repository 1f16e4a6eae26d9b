package org.clearway.core.contract.devices;

import java.util.HexFormat;

/** Byte helpers shared by the decoders. */
final class Frames {
    private Frames() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16be(byte[] b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }

    static int s16be(byte[] b, int i) {
        return (short) u16be(b, i);
    }

    static int u16le(byte[] b, int i) {
        return (u8(b, i + 1) << 8) | u8(b, i);
    }

    static int s16le(byte[] b, int i) {
        return (short) u16le(b, i);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static void require(boolean condition, String detail) throws UndecodableFrame {
        if (!condition) {
            throw new UndecodableFrame(detail);
        }
    }
}
