package org.clearway.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamLimitsTest {
    @Test
    void perTokenAndTotalBounds() {
        StreamLimits limits = new StreamLimits(3, 2);
        assertThat(limits.tryAcquire("a")).isTrue();
        assertThat(limits.tryAcquire("a")).isTrue();
        assertThat(limits.tryAcquire("a")).isFalse();
        assertThat(limits.tryAcquire("b")).isTrue();
        assertThat(limits.tryAcquire("c")).isFalse();
        assertThat(limits.open()).isEqualTo(3);
        limits.release("a");
        assertThat(limits.tryAcquire("c")).isTrue();
        assertThat(limits.tryAcquire("a")).isFalse();
        assertThatThrownBy(() -> limits.release("z")).isInstanceOf(IllegalStateException.class);
    }
}
