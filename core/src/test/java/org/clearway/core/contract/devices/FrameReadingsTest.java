package org.clearway.core.contract.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.clearway.core.contract.Alarm;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;
import org.junit.jupiter.api.Test;

class FrameReadingsTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:15:00Z");
    private final FrameReadings readings = new FrameReadings(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7));
    private final byte[] message = "{\"raw\":true}".getBytes(StandardCharsets.UTF_8);

    private static Uplink uplink(String hex, Instant at) {
        return new Uplink("24e124126b316403", at, 85, 7L, HexFormat.of().parseHex(hex), null, -97);
    }

    @Test
    void aVendorFrameBecomesAContractReading() {
        Instant at = Instant.parse("2026-11-28T08:14:59.123456789Z");
        DecodedMessage m = readings.decode("bin-1", DeviceModel.MILESIGHT_EM400_UDL, uplink("01755C03670101048244080500 01".replace(" ", ""), at), message);
        assertThat(m.rejections()).isEmpty();
        Reading r = m.readings().getFirst();
        assertThat(r.measuredAt()).isEqualTo(Instant.parse("2026-11-28T08:14:59.123456Z"));
        assertThat(r.distanceMm()).isEqualTo(2116);
        assertThat(r.battery()).isEqualTo(92.0);
        assertThat(r.tempC()).isEqualTo(25.7);
        assertThat(r.tilt()).isTrue();
        assertThat(r.alarms()).containsExactly(Alarm.TILT);
        assertThat(r.seq()).isEqualTo(7L);
        assertThat(r.rssi()).isEqualTo(-97);
    }

    @Test
    void aRefusedFrameIsKeptUndecodableWithItsHexAndTheWholeMessage() {
        Uplink ttnExample = new Uplink("a84041000181c061", NOW, 2, 1L, HexFormat.of().parseHex("0e1c0b05"), null, null);
        DecodedMessage m = readings.decode("bin-1", DeviceModel.DRAGINO_LDDS75, ttnExample, message);
        assertThat(m.readings()).isEmpty();
        Rejection r = m.rejections().getFirst();
        assertThat(r.reason()).isEqualTo(RejectReason.UNDECODABLE);
        assertThat(r.detail()).contains("hex 0e1c0b05").contains("8 bytes");
        assertThat(r.payload()).isEqualTo(message);
    }

    @Test
    void aFrameWithoutDistanceIsMissingFillAndContractChecksStillApply() {
        DecodedMessage batteryOnly = readings.decode("bin-1", DeviceModel.DECENTLAB_DL_MBX, uplink("02012f00020bb1", NOW), message);
        assertThat(batteryOnly.rejections().getFirst().reason()).isEqualTo(RejectReason.MISSING_FILL);
        // 0x4e20 = 20000 mm is beyond the contract's 10000 mm.
        DecodedMessage far = readings.decode("bin-1", DeviceModel.DECENTLAB_DL_MBX, uplink("02012f00034e2000010bb1", NOW), message);
        assertThat(far.rejections().getFirst().reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        DecodedMessage old = readings.decode("bin-1", DeviceModel.DECENTLAB_DL_MBX,
                uplink("02012f000304d200010bb1", NOW.minus(Duration.ofDays(8))), message);
        assertThat(old.rejections().getFirst().reason()).isEqualTo(RejectReason.TS_TOO_OLD);
    }

    @Test
    void theServerObjectIsUsedOnlyWhereTheDecoderTrustsIt() throws Exception {
        var object = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"distance\":1601}");
        Uplink noBytes = new Uplink("a", NOW, 85, null, null, object, null);
        assertThat(readings.decode("bin-1", DeviceModel.MILESIGHT_EM310_UDL, noBytes, message).readings().getFirst().distanceMm())
                .isEqualTo(1601);
        assertThat(readings.decode("bin-1", DeviceModel.DRAGINO_LDDS75, noBytes, message).rejections().getFirst().reason())
                .isEqualTo(RejectReason.UNDECODABLE);
    }
}
