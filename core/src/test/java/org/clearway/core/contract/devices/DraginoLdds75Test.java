package org.clearway.core.contract.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DraginoLdds75Test {
    private final DraginoLdds75 decoder = new DraginoLdds75();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /**
     * The Dragino LDDS75 user manual's uplink examples (wiki.dragino.com, "LDDS75 - LoRaWAN Distance
     * Detection Sensor User Manual", section 2.3: battery 0x0B45 = 2885 mV, distance 0x0B05 = 2821 mm,
     * DS18B20 0x0105 = 26.1 degrees, sensor flag 1), assembled into one 8-byte frame as in
     * ykm7/mini-farm-tracker server/core/schema_test.go; the layout is Dragino's own decoder's,
     * dragino/dragino-end-node-decoder LDDS75/LDDS751.1.4_ChirpstackV4_Decoder.txt.
     */
    @Test
    void manualExampleFrame() throws Exception {
        DeviceFrame f = decoder.decode(2, hex("0B45 0B05 00 0105 01"));
        assertThat(f.distanceMm()).isEqualTo(2821);
        assertThat(f.batteryVolts()).isEqualTo(2.885);
        assertThat(f.battery()).as("a voltage is not a percentage").isNull();
        assertThat(f.tempC()).isEqualTo(26.1);
    }

    /** A negative DS18B20 word, the manuals' 0xFF3F = -19.3 degrees. */
    @Test
    void negativeTemperature() throws Exception {
        assertThat(decoder.decode(2, hex("0B45 0B05 00 FF3F 01")).tempC()).isEqualTo(-19.3);
    }

    /**
     * The community decoder (TheThingsNetwork/lorawan-devices vendor/dragino/ldds75.js) reads the
     * battery word as the distance: on this 5-byte frame of the earlier firmware it says 2885 mm.
     * The distance is the second word, 2821 mm.
     */
    @Test
    void theCommunityDecoderIsWrongAboutTheDistance() throws Exception {
        assertThat(decoder.decode(2, hex("0B45 0B05 00")).distanceMm()).isEqualTo(2821);
        // And it calls the 8-byte frame "No Sensor", while the sensor flag says the probe is there.
        assertThat(decoder.decode(2, hex("0B45 0B05 00 0000 01")).distanceMm()).isEqualTo(2821);
    }

    /** The TTN repository's own example, 0E 1C 0B 05, is 4 bytes: no LDDS75 firmware sends that. */
    @Test
    void theTtnExampleOfFourBytesIsRefusedAndWrongPortsToo() {
        assertThatThrownBy(() -> decoder.decode(2, hex("0E1C0B05"))).isInstanceOf(UndecodableFrame.class)
                .hasMessageContaining("8 bytes");
        assertThatThrownBy(() -> decoder.decode(42, hex("0B45 0B05 00 0105 01"))).isInstanceOf(UndecodableFrame.class)
                .hasMessageContaining("port 42");
    }

    @Test
    void noProbeAndTooCloseAreRefusedNotStoredAsFill() {
        assertThatThrownBy(() -> decoder.decode(2, hex("0B45 0000 00 0105 00"))).isInstanceOf(UndecodableFrame.class)
                .hasMessageContaining("no ultrasonic probe");
        assertThatThrownBy(() -> decoder.decode(2, hex("0B45 0B05 00 0105 00"))).isInstanceOf(UndecodableFrame.class)
                .hasMessageContaining("sensor flag 0");
        assertThatThrownBy(() -> decoder.decode(2, hex("0B45 0014 00 0105 01"))).isInstanceOf(UndecodableFrame.class)
                .hasMessageContaining("280 mm");
    }
}
