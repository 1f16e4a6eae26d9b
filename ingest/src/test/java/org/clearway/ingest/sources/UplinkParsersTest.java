package org.clearway.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.devices.Uplink;
import org.junit.jupiter.api.Test;

class UplinkParsersTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RejectReason reason(UplinkParser parser, String topic, String json) {
        try {
            parser.parse(topic, utf8(json));
            throw new AssertionError("accepted " + json);
        } catch (BadUplink e) {
            return e.reason();
        }
    }

    @Test
    void chirpStackUplinkEvent() throws Exception {
        Uplink u = new ChirpStackUplinks().parse("city/application/app-1/device/24e124126b316403/event/up", utf8("""
                {"time":"2026-11-28T08:15:00.123456789Z","deviceInfo":{"devEui":"24E124126B316403"},"fCnt":7,"fPort":85,
                 "data":"AXVcA4JECAQAAQ==","object":{"distance":2116},"rxInfo":[{"rssi":-110},{"rssi":-95}]}"""));
        assertThat(u.deviceId()).isEqualTo("24e124126b316403");
        assertThat(u.receivedAt()).isEqualTo(Instant.parse("2026-11-28T08:15:00.123456Z"));
        assertThat(u.fPort()).isEqualTo(85);
        assertThat(u.fCnt()).isEqualTo(7L);
        assertThat(HexFormat.of().formatHex(u.bytes())).isEqualTo("01755c03824408040001");
        assertThat(u.serverObject().path("distance").asInt()).isEqualTo(2116);
        assertThat(u.rssi()).isEqualTo(-95);
    }

    @Test
    void chirpStackMistakesAreRejectedWithTheirReason() {
        ChirpStackUplinks p = new ChirpStackUplinks();
        String ok = "{\"time\":\"2026-11-28T08:15:00Z\",\"deviceInfo\":{\"devEui\":\"0101010101010101\"},\"data\":\"AA==\"}";
        assertThat(reason(p, "application/a/device/0101010101010101/event/join", ok)).isEqualTo(RejectReason.BAD_TOPIC);
        assertThat(reason(p, "application/a/device/0202020202020202/event/up", ok)).isEqualTo(RejectReason.BAD_TOPIC);
        assertThat(reason(p, "application/a/device/0101010101010101/event/up", "{\"time\":1")).isEqualTo(RejectReason.NOT_JSON);
        assertThat(reason(p, "application/a/device/0101010101010101/event/up", ok.replace("2026-11-28T08:15:00Z", "yesterday")))
                .isEqualTo(RejectReason.BAD_TS);
        assertThat(reason(p, "application/a/device/0101010101010101/event/up", ok.replace("\"AA==\"", "\"*\"")))
                .isEqualTo(RejectReason.WRONG_TYPE);
    }

    @Test
    void theThingsStackUplink() throws Exception {
        Uplink u = new TtsUplinks().parse("v3/bins@city/devices/ldds75-7/up", utf8("""
                {"end_device_ids":{"device_id":"ldds75-7","application_ids":{"application_id":"bins"},"dev_eui":"A84041000181C061"},
                 "received_at":"2026-11-28T08:15:00Z","uplink_message":{"f_port":2,"f_cnt":40,"frm_payload":"C0ULBQABBQE=",
                 "decoded_payload":{"Distance":"2821 mm"},"rx_metadata":[{"rssi":-88}]}}"""));
        assertThat(u.deviceId()).isEqualTo("a84041000181c061");
        assertThat(HexFormat.of().formatHex(u.bytes())).isEqualTo("0b450b0500010501");
        assertThat(u.fPort()).isEqualTo(2);
        assertThat(u.fCnt()).isEqualTo(40L);
        assertThat(u.rssi()).isEqualTo(-88);
        // A join or a downlink event on the wrong topic, or a body about another device, is not an uplink.
        assertThat(reason(new TtsUplinks(), "v3/bins@city/devices/ldds75-7/join", "{}")).isEqualTo(RejectReason.BAD_TOPIC);
        assertThat(reason(new TtsUplinks(), "v3/bins@city/devices/other/up",
                "{\"end_device_ids\":{\"device_id\":\"ldds75-7\"},\"uplink_message\":{}}")).isEqualTo(RejectReason.BAD_TOPIC);
        assertThat(reason(new TtsUplinks(), "v3/bins@city/devices/ldds75-7/up",
                "{\"end_device_ids\":{\"device_id\":\"ldds75-7\"}}")).isEqualTo(RejectReason.NOT_A_READING);
    }
}
