package org.clearway.api.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.Test;

class AddressBucketsTest {
    @Test
    void aBurstThenTheRateAndEachAddressOnItsOwn() {
        FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
        AddressBuckets buckets = new AddressBuckets(clock, 1.0 / 60, 2);
        assertThat(buckets.acquire("a")).isZero();
        assertThat(buckets.acquire("a")).isZero();
        assertThat(buckets.acquire("a")).isEqualTo(Duration.ofSeconds(60));
        assertThat(buckets.acquire("b")).isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(buckets.acquire("a")).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(buckets.acquire("a")).isZero();
    }

    @Test
    void fullBucketsAreDroppedSoThatManyAddressesCannotFillMemory() {
        FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
        AddressBuckets buckets = new AddressBuckets(clock, 1, 5);
        for (int i = 0; i < AddressBuckets.SWEEP_EVERY - 1; i++) {
            buckets.acquire("10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(buckets.size()).isEqualTo(AddressBuckets.SWEEP_EVERY - 1);
        buckets.acquire("spent");
        buckets.acquire("spent");
        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < AddressBuckets.SWEEP_EVERY; i++) {
            buckets.acquire("spent");
        }
        // The sweep dropped every bucket that had refilled; "spent" is empty and stays.
        assertThat(buckets.size()).isEqualTo(1);
        assertThat(buckets.acquire("spent")).isPositive();
    }

    @Test
    void ipv6ClientsCountByTheirSlash64() {
        assertThat(ClientLimiter.key("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientLimiter.key("2001:db8:1:2:aaaa::1")).isEqualTo(ClientLimiter.key("2001:db8:1:2:bbbb::2"))
                .isEqualTo("20010db800010002::/64");
        assertThat(ClientLimiter.key("[2001:db8:1:3::1]")).isEqualTo("20010db800010003::/64");
        assertThat(ClientLimiter.key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientLimiter.key("not:an address")).isEqualTo("not:an address");
    }
}
