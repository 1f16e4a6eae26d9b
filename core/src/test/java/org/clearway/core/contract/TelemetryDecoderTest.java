package org.clearway.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryDecoderTest {
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private final TelemetryDecoder decoder = new TelemetryDecoder(new TelemetryTopic("city-a/"),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7));

    private DecodedMessage decode(String json) {
        return decoder.decode("city-a/bins/b-1/telemetry", json.getBytes(StandardCharsets.UTF_8));
    }

    private RejectReason reasonOf(String json) {
        DecodedMessage d = decode(json);
        assertThat(d.readings()).as("readings of %s", json).isEmpty();
        assertThat(d.rejections()).as("rejections of %s", json).hasSize(1);
        return d.rejections().get(0).reason();
    }

    @Test
    void decodesAllFieldsOfOneReading() {
        DecodedMessage d = decode("{\"ts\":\"2026-11-28T16:15:00+08:00\",\"fill\":72.5,\"battery\":88,\"tempC\":21.4,"
                + "\"seq\":1842,\"tilt\":false,\"rssi\":-97,\"alarms\":[\"fire\",\"fire\",\"lid_open\"],\"fw\":\"x\"}");
        assertThat(d.rejections()).isEmpty();
        Reading r = d.readings().get(0);
        assertThat(r.binId()).isEqualTo("b-1");
        assertThat(r.measuredAt()).isEqualTo(Instant.parse("2026-11-28T08:15:00Z"));
        assertThat(r.fill()).isEqualTo(72.5);
        assertThat(r.battery()).isEqualTo(88.0);
        assertThat(r.tempC()).isEqualTo(21.4);
        assertThat(r.seq()).isEqualTo(1842L);
        assertThat(r.tilt()).isFalse();
        assertThat(r.rssi()).isEqualTo(-97);
        assertThat(r.alarms()).containsExactly(Alarm.FIRE, Alarm.LID_OPEN);
    }

    @Test
    void keepsTheValidReadingsOfABatchAndRejectsEachBadOneOnItsOwn() {
        DecodedMessage d = decode("[{\"ts\":\"2026-11-28T06:00:00Z\",\"fill\":40},"
                + "{\"ts\":\"2026-11-28T06:10:00Z\",\"fill\":140},"
                + "\"oops\","
                + "{\"ts\":\"2026-11-28T06:20:00Z\",\"distanceMm\":300}]");
        assertThat(d.readings()).hasSize(2);
        assertThat(d.rejections()).extracting(Rejection::reason, Rejection::itemIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RejectReason.OUT_OF_RANGE, 1),
                        org.assertj.core.groups.Tuple.tuple(RejectReason.NOT_A_READING, 2));
        assertThat(new String(d.rejections().get(0).payload(), StandardCharsets.UTF_8)).contains("140");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"distanceMm\":41.5}|WRONG_TYPE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"distanceMm\":10001}|OUT_OF_RANGE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":1e400}|NOT_FINITE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":-Infinity}|NOT_FINITE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":true}|WRONG_TYPE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5,\"seq\":4294967296}|OUT_OF_RANGE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5,\"seq\":-1}|OUT_OF_RANGE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5,\"seq\":99999999999999999999999}|OUT_OF_RANGE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5,\"tempC\":-40.1}|OUT_OF_RANGE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5,\"rssi\":1}|OUT_OF_RANGE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5,\"tilt\":\"true\"}|WRONG_TYPE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5,\"alarms\":\"fire\"}|WRONG_TYPE",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5,\"alarms\":[\"FIRE\"]}|UNKNOWN_ALARM",
            "{\"ts\":1764317700,\"fill\":5}|WRONG_TYPE",
            "{\"ts\":\"2026-11-28T08:00Z\",\"fill\":5}|BAD_TS",
            "{\"ts\":\"2026-11-28T08:00:00\",\"fill\":5}|BAD_TS",
            "{\"ts\":\"2026-02-30T08:00:00Z\",\"fill\":5}|BAD_TS",
            "{\"ts\":\"2026-11-28T09:05:01Z\",\"fill\":5}|TS_IN_FUTURE",
            "{\"ts\":\"2026-11-21T08:59:59Z\",\"fill\":5}|TS_TOO_OLD",
            "{\"TS\":\"2026-11-28T08:00:00Z\",\"fill\":5}|MISSING_TS",
            "{\"ts\":null,\"fill\":5}|MISSING_TS",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":null}|MISSING_FILL",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5,\"fill\":6}|NOT_JSON",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5} trailing|NOT_JSON",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5|NOT_JSON",
            "\"just a string\"|NOT_A_READING",
            "42|NOT_A_READING",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]|NOT_JSON",
    })
    void rejectsForTheRightReason(String json, RejectReason expected) {
        assertThat(reasonOf(json)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ts\":\"2026-11-28t08:00:00z\",\"fill\":5}",
            "{\"ts\":\"2026-11-28 03:00:00.123456789-05:00\",\"fill\":5,\"ts2\":1}",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"distanceMm\":412.0}",
            "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":0,\"battery\":null,\"alarms\":[]}",
            "{\"ts\":\"2026-11-28T09:04:59Z\",\"fill\":100}",
    })
    void acceptsWhatTheContractAllows(String json) {
        DecodedMessage d = decode(json);
        assertThat(d.rejections()).isEmpty();
        assertThat(d.readings()).hasSize(1);
    }

    @Test
    void aTimeWithNanosecondsIsKeptToTheMicrosecondAsTheDatabaseKeepsIt() {
        DecodedMessage d = decode("{\"ts\":\"2026-11-28T08:15:22.414930758Z\",\"fill\":5}");
        assertThat(d.readings()).singleElement().extracting(Reading::measuredAt)
                .isEqualTo(Instant.parse("2026-11-28T08:15:22.414930Z"));
    }

    @Test
    void rejectsInvalidUtf8AsSuch() {
        byte[] payload = {'{', '"', 't', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(decoder.decode("city-a/bins/b-1/telemetry", payload).rejections().get(0).reason())
                .isEqualTo(RejectReason.NOT_UTF8);
    }

    @Test
    void rejectsTopicsThatAreNotTheContracts() {
        byte[] ok = "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5}".getBytes(StandardCharsets.UTF_8);
        for (String topic : new String[] {"city-a/bins/b-1/status", "city-a/bins/telemetry", "city-a/bins/a/b/telemetry",
                "city-a/bins/bad id/telemetry", "city-a/bins/" + "x".repeat(65) + "/telemetry", "bins/b-1/telemetry"}) {
            DecodedMessage d = decoder.decode(topic, ok);
            assertThat(d.readings()).as(topic).isEmpty();
            assertThat(d.rejections().get(0).reason()).as(topic).isEqualTo(RejectReason.BAD_TOPIC);
        }
    }

    @Test
    void rejectsOversizePayloadsBeforeParsing() {
        byte[] big = new byte[TelemetryDecoder.MAX_PAYLOAD_BYTES + 1];
        assertThat(decoder.decode("city-a/bins/b-1/telemetry", big).rejections().get(0).reason())
                .isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void convertsDistanceToFillWithTheBinsGeometry() {
        assertThat(FillLevel.fromDistance(412, 1000, 50)).isEqualTo(63.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(FillLevel.fromDistance(10, 1000, 50)).isEqualTo(100.0);
        assertThat(FillLevel.fromDistance(2000, 1000, 50)).isEqualTo(0.0);
    }
}
