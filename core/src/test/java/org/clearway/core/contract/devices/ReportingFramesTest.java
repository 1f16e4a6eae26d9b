package org.clearway.core.contract.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class ReportingFramesTest {

    private static String hex(ReportingFrames.Frame f) {
        return HexFormat.of().formatHex(f.payload());
    }

    @Test
    void milesightReportIntervalIsFf03AndLittleEndianSeconds() {
        // Milesight downlink command tables (milesight.com/products/docs, EM300/EM500 series "Downlink Command"):
        // "Set report interval as 20 minutes. ff03b004 ... b004=>04b0=1200s"; port 85 by default. Milesight's
        // EM400-UDL encoder (Milesight-IoT/SensorDecoders, EM400-UDL_Encoder.js) writes ff, 03, uint16 LE.
        for (DeviceModel m : new DeviceModel[] {DeviceModel.MILESIGHT_EM310_UDL, DeviceModel.MILESIGHT_EM400_UDL}) {
            ReportingFrames.Frame f = ReportingFrames.interval(m, Duration.ofSeconds(1200)).orElseThrow();
            assertThat(f.fPort()).isEqualTo(85);
            assertThat(hex(f)).isEqualTo("ff03b004");
            assertThat(ReportingFrames.read(m, 85, f.payload())).contains(Duration.ofSeconds(1200));
        }
        assertThat(hex(ReportingFrames.interval(DeviceModel.MILESIGHT_EM310_UDL, Duration.ofMinutes(15)).orElseThrow()))
                .isEqualTo("ff038403");
    }

    @Test
    void draginoTdcIsType01AndThreeBytesBigEndian() {
        // Dragino wiki, "How to set the transmit time interval": "AT+TDC=0x258=600s ; Payload: 01 00 02 58",
        // "01 00 00 1E TDC=30s", "01 00 00 3C TDC=60s".
        assertThat(hex(ReportingFrames.interval(DeviceModel.DRAGINO_LDDS75, Duration.ofSeconds(600)).orElseThrow()))
                .isEqualTo("01000258");
        assertThat(hex(ReportingFrames.interval(DeviceModel.DRAGINO_LDDS75, Duration.ofSeconds(30)).orElseThrow()))
                .isEqualTo("0100001e");
        assertThat(ReportingFrames.read(DeviceModel.DRAGINO_LDDS75, 2, HexFormat.of().parseHex("0100003c")))
                .contains(Duration.ofSeconds(60));
    }

    @Test
    void decentlabAndContractDevicesHaveNoIntervalFrame() {
        assertThat(ReportingFrames.interval(DeviceModel.DECENTLAB_DL_MBX, Duration.ofHours(1))).isEmpty();
        assertThat(ReportingFrames.interval(DeviceModel.CONTRACT_JSON, Duration.ofHours(1))).isEmpty();
        assertThat(ReportingFrames.supports(DeviceModel.DECENTLAB_DL_MBX)).isFalse();
        assertThat(ReportingFrames.supports(DeviceModel.DRAGINO_LDDS75)).isTrue();
    }

    @Test
    void anIntervalThatDoesNotFitIsRefused() {
        // Milesight's EM400-UDL encoder (Milesight-IoT/SensorDecoders): report_interval "range: [60, 64800]"
        assertThatThrownBy(() -> ReportingFrames.interval(DeviceModel.MILESIGHT_EM310_UDL, Duration.ofSeconds(64_801)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportingFrames.interval(DeviceModel.MILESIGHT_EM400_UDL, Duration.ofSeconds(59)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportingFrames.interval(DeviceModel.DRAGINO_LDDS75, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(hex(ReportingFrames.interval(DeviceModel.MILESIGHT_EM400_UDL, Duration.ofSeconds(64_800)).orElseThrow()))
                .isEqualTo("ff0320fd");
    }

    @Test
    void aFrameOfAnotherKindReadsAsNoInterval() {
        assertThat(ReportingFrames.read(DeviceModel.MILESIGHT_EM310_UDL, 85, HexFormat.of().parseHex("ff10ff"))).isEmpty();
        assertThat(ReportingFrames.read(DeviceModel.MILESIGHT_EM310_UDL, 1, HexFormat.of().parseHex("ff03b004"))).isEmpty();
    }
}
