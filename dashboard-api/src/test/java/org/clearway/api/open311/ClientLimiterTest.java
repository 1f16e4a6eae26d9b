package org.clearway.api.open311;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientLimiterTest {
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
