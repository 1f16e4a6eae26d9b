package org.clearway.core.contract.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DecentlabDlMbxTest {
    private final DecentlabDlMbx decoder = new DecentlabDlMbx();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** decentlab/decentlab-decoders DL-MBX/DL-MBX.js, main(): 02012f000304d200010bb1 = 1234 mm, 1 valid sample, 2.993 V. */
    @Test
    void vendorExampleWithDistance() throws Exception {
        DeviceFrame f = decoder.decode(1, hex("02012f000304d200010bb1"));
        assertThat(f.distanceMm()).isEqualTo(1234);
        assertThat(f.batteryVolts()).isEqualTo(2.993);
        assertThat(f.battery()).isNull();
    }

    /** Same file, second example: 02012f00020bb1 holds only the battery, so no reading. */
    @Test
    void vendorExampleBatteryOnly() throws Exception {
        DeviceFrame f = decoder.decode(1, hex("02012f00020bb1"));
        assertThat(f.hasReading()).isFalse();
        assertThat(f.batteryVolts()).isEqualTo(2.993);
    }

    @Test
    void wrongVersionLengthFlagsOrNoEchoAreRefused() {
        assertThatThrownBy(() -> decoder.decode(1, hex("01012f000304d200010bb1"))).isInstanceOf(UndecodableFrame.class)
                .hasMessageContaining("protocol version 1");
        assertThatThrownBy(() -> decoder.decode(1, hex("02012f000304d200010b"))).isInstanceOf(UndecodableFrame.class)
                .hasMessageContaining("11 bytes");
        assertThatThrownBy(() -> decoder.decode(1, hex("02012f0007"))).isInstanceOf(UndecodableFrame.class)
                .hasMessageContaining("flags");
        assertThatThrownBy(() -> decoder.decode(1, hex("02012f000304d200000bb1"))).isInstanceOf(UndecodableFrame.class)
                .hasMessageContaining("0 valid samples");
        assertThatThrownBy(() -> decoder.decode(1, hex("0201"))).isInstanceOf(UndecodableFrame.class);
    }
}
