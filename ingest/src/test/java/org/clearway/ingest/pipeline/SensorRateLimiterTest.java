package org.clearway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;
import org.junit.jupiter.api.Test;

class SensorRateLimiterTest {
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");
    private static final byte[] PAYLOAD = "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5}".getBytes(StandardCharsets.UTF_8);

    private final AtomicInteger countedOnly = new AtomicInteger();
    private final IngestMetrics metrics = new IngestMetrics() {
        @Override public void received(int qos) { }
        @Override public void stored(int readings, int duplicates) { }
        @Override public void rejected(RejectReason reason) {
            assertThat(reason).isEqualTo(RejectReason.RATE_LIMITED);
            countedOnly.incrementAndGet();
        }
        @Override public void committed(int messages, Duration commitTime) { }
        @Override public void lag(Duration endToEnd, Duration pipeline) { }
        @Override public void storeFailed() { }
    };
    private final SensorRateLimiter limiter =
            new SensorRateLimiter(new SensorRateLimiter.Limits(WINDOW, 20, 10, 3), metrics);

    private static DecodedMessage message(String bin) {
        return new DecodedMessage(bin, List.of(), List.of(Rejection.ofMessage(RejectReason.MISSING_FILL, "marker", PAYLOAD)));
    }

    private boolean admitted(String bin, long nanos) {
        DecodedMessage in = message(bin);
        return limiter.admit(in, PAYLOAD, AT, nanos) == in;
    }

    @Test
    void aBinAloneIsNeverThrottledBeforeANormalRateIsKnown() {
        for (int i = 0; i < 5_000; i++) {
            assertThat(admitted("replaying", i)).isTrue();
        }
        assertThat(limiter.drainFloods()).isEmpty();
    }

    @Test
    void aBinFarAboveItsPeersIsThrottledAtTheFloorAndFlagged() {
        for (int b = 0; b < 50; b++) {
            assertThat(admitted("n-" + b, b)).isTrue();
        }
        int admitted = 0;
        int keptRows = 0;
        for (int i = 0; i < 1_000; i++) {
            DecodedMessage out = limiter.admit(message("flood"), PAYLOAD, AT, 100 + i);
            if (out.rejections().size() == 1 && out.rejections().get(0).reason() == RejectReason.MISSING_FILL) {
                admitted++;
            } else if (!out.rejections().isEmpty()) {
                assertThat(out.rejections().get(0).reason()).isEqualTo(RejectReason.RATE_LIMITED);
                assertThat(out.rejections().get(0).payload()).isEqualTo(PAYLOAD);
                assertThat(out.rejections().get(0).detail()).contains("flood", "limit of 20");
                keptRows++;
            } else {
                assertThat(out.readings()).isEmpty();
            }
        }
        assertThat(admitted).isEqualTo(20); // 10 x the peers' 1 message is below the floor of 20
        assertThat(keptRows).isEqualTo(3);
        assertThat(countedOnly).hasValue(1_000 - 20 - 3);
        List<SensorRateLimiter.Flood> floods = limiter.drainFloods();
        assertThat(floods).singleElement().satisfies(f -> {
            assertThat(f.binId()).isEqualTo("flood");
            assertThat(f.throttled()).isEqualTo(980);
            assertThat(f.limit()).isEqualTo(20);
        });
        assertThat(limiter.drainFloods()).isEmpty();
    }

    @Test
    void aWholeFleetPublishingFastIsNotThrottled() {
        long nanos = 0;
        for (int round = 0; round < 200; round++) {
            for (int b = 0; b < 100; b++) {
                assertThat(admitted("b-" + b, nanos++)).isTrue();
            }
        }
        assertThat(limiter.drainFloods()).isEmpty();
    }

    @Test
    void theLimitFollowsTheNormalRateAndEachWindowStartsAfresh() {
        long window = WINDOW.toNanos();
        // window 1: 10 bins send 30 messages each (a busy fleet): the normal rate becomes 30 per window
        for (int round = 0; round < 30; round++) {
            for (int b = 0; b < 10; b++) {
                assertThat(admitted("b-" + b, round)).isTrue();
            }
        }
        // window 2: one bin sends 400 alone: limit 10 x 30 = 300
        int admittedInWindow2 = 0;
        for (int i = 0; i < 400; i++) {
            admittedInWindow2 += admitted("b-0", window + i) ? 1 : 0;
        }
        assertThat(admittedInWindow2).isEqualTo(300);
        // window 3: a fresh quota
        assertThat(admitted("b-0", 2 * window)).isTrue();
        assertThat(limiter.drainFloods()).singleElement().satisfies(f -> assertThat(f.throttled()).isEqualTo(100));
    }

    @Test
    void messagesWithoutABinPassUntouched() {
        DecodedMessage badTopic = DecodedMessage.rejected(null,
                Rejection.ofMessage(RejectReason.BAD_TOPIC, "bad", PAYLOAD));
        assertThat(limiter.admit(badTopic, PAYLOAD, AT, 0)).isSameAs(badTopic);
    }
}
