package org.clearway.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.Rejection;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;

/**
 * Property-based fuzzing of the decoder: whatever arrives, it never throws, every message ends up
 * either stored or rejected with a reason, and what it accepts is within the contract.
 */
class DecoderFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private final TelemetryDecoder decoder = new TelemetryDecoder(new TelemetryTopic(""),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7));

    @Property(tries = 2000)
    void randomBytesNeverCrashAndAreAccountedFor(@ForAll byte[] payload) {
        checkInvariants(decoder.decode("bins/b1/telemetry", payload));
    }

    @Property(tries = 2000)
    void mutatedReadingsNeverCrashAndAreAccountedFor(@ForAll("mutatedJson") String json) {
        checkInvariants(decoder.decode("bins/b1/telemetry", json.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 500)
    void randomTopicsNeverCrash(@ForAll String topic) {
        checkInvariants(decoder.decode(topic, "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    private static void checkInvariants(DecodedMessage d) {
        assertThat(d.readings().size() + d.rejections().size()).isPositive();
        for (Rejection r : d.rejections()) {
            assertThat(r.reason()).isNotNull();
            assertThat(r.detail()).isNotBlank();
            assertThat(r.payload()).isNotNull();
        }
        for (Reading r : d.readings()) {
            assertThat(r.fill() != null || r.distanceMm() != null).isTrue();
            if (r.fill() != null) {
                assertThat(r.fill()).isBetween(0.0, 100.0);
            }
            if (r.battery() != null) {
                assertThat(r.battery()).isBetween(0.0, 100.0);
            }
            if (r.tempC() != null) {
                assertThat(r.tempC()).isBetween(-40.0, 125.0);
            }
            assertThat(r.measuredAt()).isBetween(NOW.minus(Duration.ofDays(7)), NOW.plus(Duration.ofMinutes(5)));
        }
    }

    @Provide
    Arbitrary<String> mutatedJson() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, 1e6).map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("NaN", "Infinity", "-Infinity", "1e400", "-0", "null", "true", "false", "[]", "{}",
                        "\"\"", "\"72\"", "99999999999999999999999999", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]"),
                Arbitraries.strings().ofMaxLength(40).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.of("\"2026-11-28T08:00:00Z\"", "\"2026-11-28T08:00:00+08:00\"", "\"2027-01-01T00:00:00Z\"",
                        "\"2026-11-28 08:00\"", "\"2026-13-45T99:99:99Z\""));
        Arbitrary<String> keys = Arbitraries.of("ts", "fill", "distanceMm", "seq", "battery", "tempC", "tilt", "rssi",
                "alarms", "Fill", "extra", "");
        Arbitrary<String> field = Combinators.combine(keys, values).as((k, v) -> "\"" + k + "\":" + v);
        Arbitrary<String> object = field.list().ofMaxSize(10).map(fs -> "{" + String.join(",", fs) + "}");
        Arbitrary<String> batch = object.list().ofMaxSize(105).map(os -> "[" + String.join(",", os) + "]");
        Arbitrary<String> valid = Arbitraries.integers().between(0, 100)
                .map(f -> "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":" + f + "}");
        Arbitrary<String> truncated = Combinators.combine(object, Arbitraries.integers().between(0, 50))
                .as((o, n) -> o.substring(0, Math.min(n, o.length())));
        return Arbitraries.oneOf(object, batch, valid, truncated,
                Arbitraries.strings().ofMaxLength(200).map(s -> "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5,\"x\":\""
                        + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"));
    }
}
