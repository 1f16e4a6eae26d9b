package org.clearway.dispatch.trucks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruckTopicsTest {

    private final TruckTopics topics = new TruckTopics("city-a/");

    @Test
    void namesTheTruckOfItsOwnPositionAndUpdatesTopicsOnly() {
        assertThat(topics.allPositions()).isEqualTo("city-a/trucks/+/position");
        assertThat(topics.truckOfPosition("city-a/trucks/truck-n1/position")).hasValue("truck-n1");
        assertThat(topics.truckOfUpdates("city-a/trucks/truck-n1/updates")).hasValue("truck-n1");
        assertThat(topics.truckOfPosition("city-a/trucks/truck-n1/updates")).isEmpty();
        assertThat(topics.truckOfPosition("city-b/trucks/truck-n1/position")).isEmpty();
        assertThat(topics.truckOfPosition("city-a/trucks//position")).isEmpty();
        assertThat(topics.truckOfPosition("city-a/trucks/a.b/position")).as("not a truck id").isEmpty();
        assertThat(topics.truckOfPosition("city-a/trucks/a/b/position")).isEmpty();
    }
}
