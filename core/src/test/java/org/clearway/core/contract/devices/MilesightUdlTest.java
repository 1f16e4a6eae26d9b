package org.clearway.core.contract.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import java.util.List;
import org.clearway.core.contract.Alarm;
import org.junit.jupiter.api.Test;

class MilesightUdlTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Milesight-IoT/SensorDecoders em-series/em310-udl/README.md, "Example": 01755C 03824408 040001. */
    @Test
    void em310VendorExample() throws Exception {
        DeviceFrame f = MilesightUdl.EM310_UDL.decode(85, hex("01755C 03824408 040001"));
        assertThat(f).isEqualTo(new DeviceFrame(2116, 92.0, null, null, true, List.of(Alarm.TILT)));
    }

    /**
     * Milesight-IoT/SensorDecoders EM_Series/EM400_Series/EM400-UDL/README.md, first example
     * (also TheThingsNetwork/lorawan-devices vendor/milesight-iot/em400-udl-codec.yaml):
     * 01755C 03670101 04824408 050001 = battery 92, temperature 25.7, distance 2116, tilt.
     */
    @Test
    void em400VendorExample() throws Exception {
        DeviceFrame f = MilesightUdl.EM400_UDL.decode(85, hex("01755C 03670101 04824408 050001"));
        assertThat(f).isEqualTo(new DeviceFrame(2116, 92.0, null, 25.7, true, List.of(Alarm.TILT)));
    }

    /** Same README, second example: 8367e80001 8482410601 = temperature 23.2 abnormal, distance 1601 alarming. */
    @Test
    void em400AlarmExample() throws Exception {
        DeviceFrame f = MilesightUdl.EM400_UDL.decode(85, hex("8367e80001 8482410601"));
        assertThat(f.distanceMm()).isEqualTo(1601);
        assertThat(f.tempC()).isEqualTo(23.2);
        assertThat(f.alarms()).containsExactly(Alarm.FIRE);
    }

    /** Same README, NB-IoT sample's sensor payload: 01756403670b0104823b01050001 = 100 %, 26.7, 315 mm, tilt. */
    @Test
    void em400NbIotSamplePayload() throws Exception {
        DeviceFrame f = MilesightUdl.EM400_UDL.decode(-1, hex("01756403670b0104823b01050001"));
        assertThat(f).isEqualTo(new DeviceFrame(315, 100.0, null, 26.7, true, List.of(Alarm.TILT)));
    }

    @Test
    void aLocationChannelIsSkippedAndAttributesHoldNoReading() throws Exception {
        // README third example (location only): 068836bf7701f000090722
        assertThat(MilesightUdl.EM400_UDL.decode(85, hex("068836bf7701f000090722")).hasReading()).isFalse();
        // em310-udl attributes: ipso version ff01, hardware ff09, firmware ff0a
        assertThat(MilesightUdl.EM310_UDL.decode(85, hex("ff0101 ff090110 ff0a0110")).hasReading()).isFalse();
    }

    @Test
    void unknownOrCutChannelsAreRefused() {
        // The EM400 temperature channel is not an EM310 channel.
        assertThatThrownBy(() -> MilesightUdl.EM310_UDL.decode(85, hex("03670101")))
                .isInstanceOf(UndecodableFrame.class).hasMessageContaining("unknown channel 03 67");
        assertThatThrownBy(() -> MilesightUdl.EM400_UDL.decode(85, hex("01755C 048244")))
                .isInstanceOf(UndecodableFrame.class).hasMessageContaining("needs 2 bytes");
        assertThatThrownBy(() -> MilesightUdl.EM310_UDL.decode(85, hex("01")))
                .isInstanceOf(UndecodableFrame.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> MilesightUdl.EM310_UDL.decode(85, hex("040002")))
                .isInstanceOf(UndecodableFrame.class).hasMessageContaining("position");
    }

    @Test
    void theServerObjectOfTheVendorCodecMayStandIn() throws Exception {
        var object = new ObjectMapper().readTree("{\"battery\":92,\"temperature\":25.7,\"distance\":2116,\"position\":\"tilt\"}");
        assertThat(MilesightUdl.EM400_UDL.fromServerObject(object))
                .contains(new DeviceFrame(2116, 92.0, null, 25.7, true, List.of(Alarm.TILT)));
        assertThat(MilesightUdl.EM400_UDL.fromServerObject(new ObjectMapper().readTree("{\"distance\":\"far\"}"))).isEmpty();
    }
}
