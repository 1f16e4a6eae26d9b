package org.clearway.simulator.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.clearway.core.contract.Alarm;
import org.clearway.core.contract.devices.DeviceFrame;
import org.clearway.core.contract.devices.DeviceModel;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.city.SimBin;
import org.junit.jupiter.api.Test;

/**
 * The simulator's frames are the vendors' formats: the bytes of the vendors' published examples, and read back by
 * ingest's decoders to the values they were made from.
 */
class DeviceFramesTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static DeviceFrame decode(String model, int fPort, byte[] frame) throws Exception {
        return DeviceModel.fromCode(model).orElseThrow().decoder().orElseThrow().decode(fPort, frame);
    }

    @Test
    void theVendorsExampleFramesComeOutByteForByte() {
        // Milesight EM400-UDL README: 01755C 03670101 04824408 050001 (92 %, 25.7 °C, 2116 mm, tilt).
        assertThat(hex(DeviceFrames.em400(2116, 92, 25.7, true))).isEqualTo("01755c0367010104824408050001");
        // Dragino LDDS75 manual's values: 0B45 0B05 00 0105 01 (2.885 V, 2821 mm, 26.1 °C, probe present).
        assertThat(hex(DeviceFrames.ldds75(2821, 2885, 26.1))).isEqualTo("0b450b0500010501");
        // Decentlab DL-MBX example: 02 012f 0003 04d2 0001 0bb1 (device 303, 1234 mm from 1 sample, 2.993 V).
        assertThat(hex(DeviceFrames.dlMbx(303, 1234, 1, 2993))).isEqualTo("02012f000304d200010bb1");
    }

    @Test
    void ingestsDecodersReadBackWhatTheFramesWereMadeFrom() throws Exception {
        DeviceFrame em310 = decode("milesight-em310-udl", 85, DeviceFrames.em310(1000, 10, false));
        assertThat(em310.distanceMm()).isEqualTo(1000);
        assertThat(em310.battery()).isEqualTo(10.0);
        assertThat(em310.tilt()).isFalse();
        DeviceFrame em400 = decode("milesight-em400-udl", 85, DeviceFrames.em400(650, null, -3.4, true));
        assertThat(em400.distanceMm()).isEqualTo(650);
        assertThat(em400.tempC()).isEqualTo(-3.4);
        assertThat(em400.alarms()).containsExactly(Alarm.TILT);
        assertThat(decode("dragino-ldds75", 2, DeviceFrames.ldds75(280, 3300, null)).distanceMm()).isEqualTo(280);
        assertThat(decode("decentlab-dl-mbx", 1, DeviceFrames.dlMbx(7, 4321, 5, 3300)).distanceMm()).isEqualTo(4321);
    }

    @Test
    void aMixedFleetHasEveryKindAndTheSameKindsForTheSameSeed() {
        Simulation sim = Simulation.builder().seed(7).bins(200).fleet(Fleet.MIXED).build();
        Map<DeviceKind, Integer> kinds = new EnumMap<>(DeviceKind.class);
        for (SimBin bin : sim.bins()) {
            kinds.merge(Fleet.MIXED.kindOf(7, bin), 1, Integer::sum);
        }
        assertThat(kinds.keySet()).containsExactlyInAnyOrder(DeviceKind.values());
        assertThat(kinds.get(DeviceKind.CONTRACT)).isBetween(60, 100);
        assertThat(sim.devices()).hasSize(200 - kinds.get(DeviceKind.CONTRACT));
        List<String> again = Simulation.builder().seed(7).bins(200).fleet(Fleet.MIXED).build().devices().stream()
                .map(d -> d.devEui() + d.kind()).toList();
        assertThat(again).isEqualTo(sim.devices().stream().map(d -> d.devEui() + d.kind()).toList());
        assertThat(Simulation.builder().seed(7).bins(50).build().devices()).isEmpty();
        assertThat(sim.devices()).allSatisfy(d -> assertThat(d.devEui()).matches("[0-9a-f]{16}"));
    }
}
