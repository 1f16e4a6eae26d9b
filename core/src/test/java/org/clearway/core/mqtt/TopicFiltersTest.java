package org.clearway.core.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicFiltersTest {
    @ParameterizedTest
    @CsvSource({
            "bins/#, bins/b1/telemetry, true",
            "bins/#, bins, true",
            "bins/+/telemetry, bins/b1/telemetry, true",
            "bins/+/telemetry, bins/b1/status, false",
            "bins/+/telemetry, bins/a/b/telemetry, false",
            "$share/g/city-a/bins/#, city-a/bins/x/telemetry, true",
            "$share/g/city-a/bins/#, city-b/bins/x/telemetry, false",
            "a/b, a/b/c, false",
    })
    void matchesLikeABroker(String filter, String topic, boolean matches) {
        assertThat(TopicFilters.matches(filter, topic)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({"g, bins/#, $share/g/bins/#", "'', bins/#, bins/#", "none, bins/#, bins/#", "NONE, bins/#, bins/#"})
    void buildsSharedSubscriptions(String group, String filter, String expected) {
        assertThat(TopicFilters.shared(group, filter)).isEqualTo(expected);
    }
}
