package org.clearway.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadingsPoliciesTest {
    @Test
    void wholeDaysAreWrittenAsDaysAsTimescaleShowsThem() {
        assertThat(ReadingsPolicies.interval(Duration.ofDays(400))).isEqualTo("400 days");
        assertThat(ReadingsPolicies.interval(Duration.ofHours(36))).isEqualTo("129600 seconds");
    }

    @Test
    void aPolicyIntervalMustBePositive() {
        assertThatThrownBy(() -> ReadingsPolicies.interval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
