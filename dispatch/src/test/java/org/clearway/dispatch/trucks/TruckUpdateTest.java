package org.clearway.dispatch.trucks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TruckUpdateTest {

    @Test
    void aCollectedUpdateWithEverything() {
        TruckUpdate update = parse("{\"version\":1,\"updateId\":\"u-7\",\"jobId\":42,\"event\":\"collected\","
                + "\"ts\":\"2026-11-28T09:15:00+01:00\",\"weightKg\":38.5,\"volumeL\":220,\"driver\":\"ignored\"}");

        assertThat(update).isEqualTo(new TruckUpdate("u-7", 42, TruckEvent.COLLECTED,
                Instant.parse("2026-11-28T08:15:00Z"), 38.5, 220.0, null));
    }

    @Test
    void theSmallestUpdate() {
        assertThat(parse("{\"version\":1,\"jobId\":1,\"event\":\"arrived\",\"ts\":\"2026-11-28T08:15:00Z\"}"))
                .isEqualTo(new TruckUpdate(null, 1, TruckEvent.ARRIVED, Instant.parse("2026-11-28T08:15:00Z"), null, null, null));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "[]                                                                                       | must be a JSON object",
        "{\"version\":3,\"jobId\":1,\"event\":\"arrived\",\"ts\":\"2026-11-28T08:15:00Z\"}        | version must be 1 or 2",
        "{\"version\":1,\"jobId\":0,\"event\":\"arrived\",\"ts\":\"2026-11-28T08:15:00Z\"}        | jobId must be a positive whole number",
        "{\"version\":1,\"jobId\":1.5,\"event\":\"arrived\",\"ts\":\"2026-11-28T08:15:00Z\"}      | jobId must be a positive whole number",
        "{\"version\":1,\"jobId\":1,\"event\":\"emptied\",\"ts\":\"2026-11-28T08:15:00Z\"}        | event must be one of",
        "{\"version\":1,\"jobId\":1,\"event\":\"arrived\",\"ts\":\"2026-11-28 08:15\"}            | ts must be an RFC 3339 time",
        "{\"version\":1,\"jobId\":1,\"event\":\"failed\",\"ts\":\"2026-11-28T08:15:00Z\"}         | a failed update needs a reason",
        "{\"version\":1,\"jobId\":1,\"event\":\"declined\",\"ts\":\"2026-11-28T08:15:00Z\",\"reason\":\" \"} | a declined update needs a reason",
        "{\"version\":1,\"jobId\":1,\"event\":\"arrived\",\"ts\":\"2026-11-28T08:15:00Z\",\"weightKg\":3} | belong to a collected update only",
        "{\"version\":1,\"jobId\":1,\"event\":\"collected\",\"ts\":\"2026-11-28T08:15:00Z\",\"weightKg\":-3} | weightKg must be a number of at least 0",
        "{\"version\":1,\"version\":1,\"jobId\":1,\"event\":\"arrived\",\"ts\":\"2026-11-28T08:15:00Z\"} | not valid JSON",
    })
    void badUpdatesSayWhatIsWrong(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(TruckUpdate.BadUpdateException.class).hasMessageContaining(message);
    }

    @Test
    void topicsNameTheTruck() {
        TruckTopics topics = new TruckTopics("city-a/");

        assertThat(topics.truckOfUpdates("city-a/trucks/truck-n1/updates")).contains("truck-n1");
        assertThat(topics.truckOfUpdates("city-a/trucks/truck.n1/updates")).isEmpty();
        assertThat(topics.truckOfUpdates("city-a/trucks//updates")).isEmpty();
        assertThat(topics.truckOfUpdates("city-b/trucks/truck-n1/updates")).isEmpty();
        assertThat(topics.replies("truck-n1")).isEqualTo("city-a/trucks/truck-n1/replies");
        assertThat(topics.route("truck-n1")).isEqualTo("city-a/trucks/truck-n1/route");
        assertThat(topics.allUpdates()).isEqualTo("city-a/trucks/+/updates");
    }

    private static TruckUpdate parse(String json) {
        return TruckUpdate.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
