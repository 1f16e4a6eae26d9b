package org.clearway.api.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void plainForFilesReadableForPeople() {
        assertThat(Numbers.plain(16.304347826, 4, "")).isEqualTo("16.3043");
        assertThat(Numbers.plain(184.0, 4, "")).isEqualTo("184");
        assertThat(Numbers.plain(1e7, 4, "")).isEqualTo("10000000");
        assertThat(Numbers.plain(null, 4, "")).isEmpty();
        assertThat(Numbers.readable(1240000.25, 1, "")).isEqualTo("1,240,000.3");
        assertThat(Numbers.readable(-0.01, 1, "")).isEqualTo("0");
        assertThat(Numbers.percent(2.0 / 3, "–")).isEqualTo("66.7 %");
        assertThat(Numbers.percent(null, "–")).isEqualTo("–");
    }
}
