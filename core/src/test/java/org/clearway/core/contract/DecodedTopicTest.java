package org.clearway.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodedTopicTest {
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void ingestReadsTheContractsTopicOnlyAndDispatchBoth() {
        TelemetryTopic ingest = new TelemetryTopic("city-a/");
        TelemetryTopic dispatch = ingest.withDecoded();
        assertThat(ingest.decodedTopicOf("b-1")).isEqualTo("city-a/bins/b-1/decoded");
        assertThat(ingest.filterAllDecoded()).isEqualTo("city-a/bins/+/decoded");
        assertThat(ingest.filterAllTelemetry()).isEqualTo("city-a/bins/+/telemetry");
        assertThat(ingest.binIdOf("city-a/bins/b-1/decoded")).as("not the contract's topic").isEmpty();
        assertThat(ingest.isDecoded("city-a/bins/b-1/decoded")).isTrue();
        assertThat(ingest.isDecoded("city-a/bins/b-1/telemetry")).isFalse();
        assertThat(ingest.isDecoded("city-b/bins/b-1/decoded")).as("another prefix").isFalse();
        assertThat(dispatch.binIdOf("city-a/bins/b-1/decoded")).contains("b-1");
        assertThat(dispatch.binIdOf("city-a/bins/b-1/telemetry")).contains("b-1");
        assertThat(dispatch.binIdOf("city-a/bins/b 1/decoded")).isEmpty();
        assertThat(dispatch.binIdOf("city-a/bins/b-1/other")).isEmpty();
    }

    @Test
    void aRelayedReadingDecodesToTheSameReading() {
        Reading r = new Reading("b-1", Instant.parse("2026-11-28T08:15:00.123456789Z"), null, 412, 1842L, 88.0, 21.4,
                true, -97, List.of(Alarm.TILT, Alarm.FIRE));
        TelemetryTopic topics = new TelemetryTopic("city-a/").withDecoded();
        DecodedMessage d = new TelemetryDecoder(topics, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7))
                .decode(topics.decodedTopicOf("b-1"), ReadingJson.of(r));
        assertThat(d.rejections()).isEmpty();
        assertThat(d.readings()).containsExactly(new Reading("b-1", Instant.parse("2026-11-28T08:15:00.123456Z"), null,
                412, 1842L, 88.0, 21.4, true, -97, List.of(Alarm.TILT, Alarm.FIRE)));
        Reading filled = new Reading("b-1", Instant.parse("2026-11-28T08:15:00Z"), 72.5, null, null, null, null, null,
                null, List.of());
        assertThat(new TelemetryDecoder(topics, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7))
                .decode(topics.decodedTopicOf("b-1"), ReadingJson.of(filled)).readings()).containsExactly(filled);
    }
}
