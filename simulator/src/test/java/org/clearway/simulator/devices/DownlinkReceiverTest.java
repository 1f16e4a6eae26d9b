package org.clearway.simulator.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.clearway.simulator.city.SimBin;
import org.junit.jupiter.api.Test;

class DownlinkReceiverTest {
    private final List<String> set = new ArrayList<>();

    private DownlinkReceiver receiver(DeviceKind kind, String devEui) {
        SimDevice device = new SimDevice((SimBin) null, kind, devEui);
        return new DownlinkReceiver("p/", eui -> eui.equals(devEui)
                ? Optional.of(new DownlinkReceiver.Target(device, d -> set.add(eui + " " + d))) : Optional.empty());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aChirpStackCommandSetsAMilesightInterval() throws Exception {
        DownlinkReceiver r = receiver(DeviceKind.CHIRPSTACK_EM310, "a84041000181c001");
        // ff03b004: 1,200 s (Milesight's downlink table example)
        assertThat(r.apply("p/application/app-1/device/a84041000181c001/command/down",
                utf8("{\"devEui\":\"a84041000181c001\",\"confirmed\":false,\"fPort\":85,\"data\":\"/wOwBA==\"}"))).isTrue();
        assertThat(set).containsExactly("a84041000181c001 " + Duration.ofSeconds(1200));
    }

    @Test
    void aTtsPushSetsADraginoInterval() throws Exception {
        DownlinkReceiver r = receiver(DeviceKind.TTS_LDDS75, "a84041000181c003");
        // 01000258: 600 s (Dragino wiki)
        assertThat(r.apply("p/v3/clearway-bins@city/devices/eui-a84041000181c003/down/push",
                utf8("{\"downlinks\":[{\"f_port\":2,\"frm_payload\":\"AQACWA==\",\"priority\":\"NORMAL\"}]}"))).isTrue();
        assertThat(set).containsExactly("a84041000181c003 " + Duration.ofSeconds(600));
    }

    @Test
    void otherFramesDevicesAndTopicsAreIgnored() throws Exception {
        DownlinkReceiver r = receiver(DeviceKind.CHIRPSTACK_EM310, "a84041000181c001");
        assertThat(r.apply("p/application/app-1/device/a84041000181c001/command/down",
                utf8("{\"fPort\":85,\"data\":\"/xD/\"}"))).as("a reboot frame").isFalse();
        assertThat(r.apply("p/application/app-1/device/ffffffffffffffff/command/down",
                utf8("{\"fPort\":85,\"data\":\"/wOwBA==\"}"))).as("another device").isFalse();
        assertThat(r.apply("p/application/app-1/device/a84041000181c001/event/up", utf8("{}"))).isFalse();
        r.onMessage(new org.clearway.core.mqtt.InboundMessage("p/v3/a@b/devices/eui-a84041000181c001/down/push",
                utf8("not json"), 1, 1, false, null, 0));
        assertThat(r.ignored()).isEqualTo(1);
        assertThat(set).isEmpty();
    }
}
