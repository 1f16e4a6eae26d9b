package org.clearway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;
import org.junit.jupiter.api.Test;
import org.clearway.ingest.message.Flood;

class SensorRateLimiterTest {
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");
    private static final byte[] PAYLOAD = "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5}".getBytes(StandardCharsets.UTF_8);
    private static final int CEILING = 100;

    private final AtomicInteger overLimit = new AtomicInteger();
    private final IngestMetrics metrics = new IngestMetrics() {
        @Override public void received(int qos) { }
        @Override public void stored(int readings, int duplicates) { }
        @Override public void rejected(RejectReason reason) {
            throw new AssertionError("rejections are counted when they are committed, not by the limiter");
        }
        @Override public void committed(int messages, Duration commitTime) { }
        @Override public void lag(Duration endToEnd, Duration pipeline) { }
        @Override public void storeFailed() { }
        @Override public void message(String source, String outcome) { }
        @Override public void overFloodLimit() {
            overLimit.incrementAndGet();
        }
    };
    private final SensorRateLimiter limiter =
            new SensorRateLimiter(new SensorRateLimiter.Limits(WINDOW, 20, 10, CEILING), metrics);

    private static DecodedMessage valid(String bin) {
        return new DecodedMessage(bin, List.of(new Reading(bin, AT, 5.0, null, null, null, null, null, null, null)),
                List.of());
    }

    private static DecodedMessage bad(String bin) {
        return DecodedMessage.rejected(bin, Rejection.ofMessage(RejectReason.MISSING_FILL, "marker", PAYLOAD));
    }

    private boolean admitted(String bin, long nanos) {
        DecodedMessage in = valid(bin);
        return limiter.admit(in, PAYLOAD, AT, nanos) == in;
    }

    @Test
    void aBinAloneIsNeverParkedBeforeANormalRateIsKnown() {
        for (int i = 0; i < 5_000; i++) {
            assertThat(admitted("replaying", i)).isTrue();
        }
        assertThat(limiter.drainFloods()).isEmpty();
        assertThat(overLimit).hasValue(0);
    }

    @Test
    void aFloodingBinIsFlaggedAtItsLimitStoredUpToTheCeilingAndParkedWholeBeyondIt() {
        for (int b = 0; b < 50; b++) {
            assertThat(admitted("n-" + b, b)).isTrue();
        }
        int passed = 0;
        int parked = 0;
        for (int i = 0; i < 1_000; i++) {
            DecodedMessage in = valid("flood");
            DecodedMessage out = limiter.admit(in, PAYLOAD, AT, 100 + i);
            if (out == in) {
                passed++;
            } else {
                assertThat(out.readings()).isEmpty();
                assertThat(out.rejections()).singleElement().satisfies(r -> {
                    assertThat(r.reason()).isEqualTo(RejectReason.RATE_LIMITED);
                    assertThat(r.itemIndex()).isEqualTo(Rejection.WHOLE_MESSAGE);
                    assertThat(r.payload()).isEqualTo(PAYLOAD);
                    assertThat(r.detail()).contains("flood", "ceiling of 100", "flood limit 20", "ParkedReplay");
                });
                parked++;
            }
        }
        assertThat(passed).isEqualTo(CEILING); // flagged above 20 (10 x the peers' 1 is below the floor), stored to 100
        assertThat(parked).isEqualTo(1_000 - CEILING);
        assertThat(overLimit).hasValue(1_000 - 20);
        List<Flood> floods = limiter.drainFloods();
        assertThat(floods).singleElement().satisfies(f -> {
            assertThat(f.binId()).isEqualTo("flood");
            assertThat(f.overLimit()).isEqualTo(980);
            assertThat(f.parked()).isEqualTo(900);
            assertThat(f.limit()).isEqualTo(20);
        });
        assertThat(limiter.drainFloods()).isEmpty();
    }

    @Test
    void badMessagesKeepTheirRealReasonWhateverTheRate() {
        for (int b = 0; b < 50; b++) {
            assertThat(admitted("n-" + b, b)).isTrue();
        }
        for (int i = 0; i < 500; i++) {
            DecodedMessage in = i % 2 == 0 ? bad("flood") : valid("flood");
            DecodedMessage out = limiter.admit(in, PAYLOAD, AT, 100 + i);
            if (in.readings().isEmpty()) {
                assertThat(out).isSameAs(in);
            }
        }
        assertThat(limiter.drainFloods()).singleElement().satisfies(f -> {
            assertThat(f.overLimit()).isEqualTo(480);
            assertThat(f.parked()).isEqualTo(200); // the valid half of the 400 beyond the ceiling
        });
    }

    @Test
    void aParkedBatchKeepsTheRejectionsOfItsBadReadings() {
        for (int b = 0; b < 50; b++) {
            assertThat(admitted("n-" + b, b)).isTrue();
        }
        for (int i = 0; i < CEILING; i++) {
            assertThat(admitted("flood", 100 + i)).isTrue();
        }
        Rejection badItem = new Rejection(RejectReason.OUT_OF_RANGE, "fill 150", 1, "{}".getBytes(StandardCharsets.UTF_8));
        DecodedMessage batch = new DecodedMessage("flood", valid("flood").readings(), List.of(badItem));
        DecodedMessage out = limiter.admit(batch, PAYLOAD, AT, 1_000);
        assertThat(out.readings()).isEmpty();
        assertThat(out.rejections()).extracting(Rejection::reason)
                .containsExactly(RejectReason.OUT_OF_RANGE, RejectReason.RATE_LIMITED);
    }

    @Test
    void aWholeFleetPublishingFastIsNotFlagged() {
        long nanos = 0;
        for (int round = 0; round < 200; round++) {
            for (int b = 0; b < 100; b++) {
                assertThat(admitted("b-" + b, nanos++)).isTrue();
            }
        }
        assertThat(limiter.drainFloods()).isEmpty();
    }

    @Test
    void theLimitsFollowTheNormalRateAndEachWindowStartsAfresh() {
        long window = WINDOW.toNanos();
        // window 1: 10 bins send 30 messages each (a busy fleet): the normal rate becomes 30 per window
        for (int round = 0; round < 30; round++) {
            for (int b = 0; b < 10; b++) {
                assertThat(admitted("b-" + b, round)).isTrue();
            }
        }
        // window 2: one bin sends 400 alone: flood limit 10 x 30 = 300, above the ceiling of 100, so it is the ceiling
        int admittedInWindow2 = 0;
        for (int i = 0; i < 400; i++) {
            admittedInWindow2 += admitted("b-0", window + i) ? 1 : 0;
        }
        assertThat(admittedInWindow2).isEqualTo(300);
        // window 3: a fresh quota
        assertThat(admitted("b-0", 2 * window)).isTrue();
        assertThat(limiter.drainFloods()).singleElement().satisfies(f -> {
            assertThat(f.overLimit()).isEqualTo(100);
            assertThat(f.parked()).isEqualTo(100);
        });
    }

    @Test
    void messagesWithoutABinPassUntouched() {
        DecodedMessage badTopic = DecodedMessage.rejected(null,
                Rejection.ofMessage(RejectReason.BAD_TOPIC, "bad", PAYLOAD));
        assertThat(limiter.admit(badTopic, PAYLOAD, AT, 0)).isSameAs(badTopic);
    }

    @Test
    void theCeilingIsNeverBelowTheFloor() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SensorRateLimiter.Limits(WINDOW, 20, 10, 19))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNetworkServersDeviceIsCountedByItsDeviceAndFlaggedButNeverParkedHere() {
        for (int d = 0; d < 10; d++) {
            limiter.countUplink("quiet-" + d, AT, d);
        }
        for (int i = 0; i < 2 * CEILING; i++) {
            limiter.countUplink("24e124126b316403", AT, 100 + i);
        }
        List<Flood> floods = limiter.drainFloods();
        assertThat(floods).extracting(Flood::binId).containsExactly("device:24e124126b316403");
        assertThat(floods.getFirst().parked()).isZero();
        assertThat(overLimit).hasValue(2 * CEILING - 20);
    }
}
