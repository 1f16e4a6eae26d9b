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
                 "data":"AXVcA4JECAQAAQ==","object":{"distance":2116},"rxInfo":[{"rssi":-110},{"rssi":-95}]}""")).uplink();
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
                 "decoded_payload":{"Distance":"2821 mm"},"rx_metadata":[{"rssi":-88}]}}""")).uplink();
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

    @Test
    void chirpStackStatusEventOnMqtt() throws Exception {
        // ChirpStack v4's status event, JSON marshaler (its integration events documentation): margin, external power,
        // battery level in percent.
        String json = """
                {"deduplicationId":"a1c5bd32-3d8c-4b5b-8f5e-1f0e7b6e2d11","time":"2026-11-28T08:20:00.250Z",
                 "deviceInfo":{"tenantId":"52f14cd4-c6f1-4fbd-8f87-4025e1d49242","applicationId":"app-1",
                   "deviceName":"bin sensor","devEui":"24e124126b316403"},
                 "margin":7,"externalPowerSource":false,"batteryLevelUnavailable":false,"batteryLevel":55.5}""";
        ServerMessage m = new ChirpStackUplinks().parse("application/app-1/device/24e124126b316403/event/status", utf8(json));
        assertThat(m.uplink()).isNull();
        assertThat(m.status()).isEqualTo(new org.clearway.ingest.message.StatusEvent("24e124126b316403",
                Instant.parse("2026-11-28T08:20:00.250Z"), "chirpstack-status", 55.5, false));
        // On external power there is no battery level to keep.
        assertThat(new ChirpStackUplinks().parse("application/app-1/device/24e124126b316403/event/status",
                utf8(json.replace("\"externalPowerSource\":false", "\"externalPowerSource\":true"))).status().batteryPct())
                .isNull();
        assertThat(reason(new ChirpStackUplinks(), "application/app-1/device/0202020202020202/event/status", json))
                .isEqualTo(RejectReason.BAD_TOPIC);
        assertThat(reason(new ChirpStackUplinks(), "application/app-1/device/24e124126b316403/event/status",
                json.replace("55.5", "155"))).isEqualTo(RejectReason.OUT_OF_RANGE);
    }

    @Test
    void theThingsStackUplinkCarriesTheDevicesLastBatteryPercentage() throws Exception {
        // The Things Stack 3.33.1+ (its webhook documentation's example): uplink_message.last_battery_percentage.
        String json = """
                {"end_device_ids":{"device_id":"ldds75-7","dev_eui":"A84041000181C061"},"received_at":"2026-11-28T08:15:00Z",
                 "uplink_message":{"f_port":2,"f_cnt":40,"frm_payload":"C0ULBQABBQE=",
                 "last_battery_percentage":{"f_cnt":14,"value":90.118576,"received_at":"2026-11-28T06:54:13.787593298Z"}}}""";
        ServerMessage m = new TtsUplinks().parseBody(utf8(json));
        assertThat(m.uplink().fCnt()).isEqualTo(40L);
        assertThat(m.status()).isEqualTo(new org.clearway.ingest.message.StatusEvent("a84041000181c061",
                Instant.parse("2026-11-28T06:54:13.787593Z"), "tts-status", 90.118576, null));
        // Absent, or not a percentage: the uplink alone.
        assertThat(new TtsUplinks().parseBody(utf8(json.replace("90.118576", "-3"))).status()).isNull();
        assertThat(new TtsUplinks().parseBody(utf8(json.replace("last_battery_percentage", "other"))).status()).isNull();
    }
}
