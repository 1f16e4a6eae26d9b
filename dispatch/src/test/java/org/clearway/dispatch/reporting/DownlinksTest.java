package org.clearway.dispatch.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.clearway.core.contract.devices.ReportingFrames.Frame;
import org.clearway.dispatch.store.Json;
import org.junit.jupiter.api.Test;

class DownlinksTest {
    private static final Frame MILESIGHT_20_MIN = new Frame(85, HexFormat.of().parseHex("ff03b004"));

    @Test
    void chirpStackCommandDown() {
        Downlinks.Downlink d = new Downlinks("city/", "app-1", "", Json.mapper()).of("chirpstack", "24E124126B316401",
                MILESIGHT_20_MIN);
        assertThat(d.topic()).isEqualTo("city/application/app-1/device/24e124126b316401/command/down");
        assertThat(new String(d.json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"devEui\":\"24e124126b316401\",\"confirmed\":false,\"fPort\":85,\"data\":\"/wOwBA==\"}");
    }

    @Test
    void theThingsStackDownPushByEuiNameOrDeviceId() {
        Downlinks downlinks = new Downlinks("", "", "bins@city", Json.mapper());
        assertThat(downlinks.of("tts", "a84041000181c061", MILESIGHT_20_MIN).topic())
                .isEqualTo("v3/bins@city/devices/eui-a84041000181c061/down/push");
        Downlinks.Downlink named = downlinks.of("tts", "ldds75-bin-7", new Frame(2, HexFormat.of().parseHex("01000258")));
        assertThat(named.topic()).isEqualTo("v3/bins@city/devices/ldds75-bin-7/down/push");
        assertThat(new String(named.json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"downlinks\":[{\"f_port\":2,\"frm_payload\":\"AQACWA==\",\"priority\":\"NORMAL\"}]}");
    }

    @Test
    void onlyConfiguredServersTakeDownlinks() {
        assertThat(new Downlinks("", "app-1", "", Json.mapper()).sources()).containsExactly("chirpstack");
        assertThat(new Downlinks("", "", "bins@city", Json.mapper()).sources()).containsExactly("tts");
        assertThatThrownBy(() -> new Downlinks("", "a", "b", Json.mapper()).of("http", "x", MILESIGHT_20_MIN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
