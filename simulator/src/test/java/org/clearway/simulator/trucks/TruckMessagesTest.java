package org.clearway.simulator.trucks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TruckMessagesTest {
    private final TruckMessages messages = new TruckMessages();

    @Test
    void readsTheRouteOfDocsTrucksMdWithItsPlannedTimes() {
        String json = """
                {"version": 1, "truckId": "truck-n1", "shiftDate": "2026-11-28", "revision": 3,
                 "publishedAt": "2026-11-28T05:40:12Z",
                 "stops": [
                  {"seq": 2, "kind": "unload", "facilityId": "transfer-east", "lat": 31.2280, "lon": 121.5350,
                   "plannedArrival": "2026-11-28T09:40:00Z"},
                  {"seq": 1, "kind": "bin", "jobId": 42, "binId": "b-0017", "lat": 31.2301, "lon": 121.4702,
                   "stream": "residual", "priority": "normal", "plannedArrival": "2026-11-28T06:12:00Z",
                   "dueAt": "2026-11-29T08:15:00Z"},
                  {"seq": 3, "kind": "break", "plannedStart": "2026-11-28T10:30:00Z", "minutes": 30},
                  {"seq": 4, "kind": "depot", "facilityId": "depot-north", "lat": 31.2710, "lon": 121.4620}
                 ]}""";
        Route route = messages.route(json.getBytes(StandardCharsets.UTF_8));
        assertThat(route.revision()).isEqualTo(3);
        assertThat(route.stops()).extracting(Stop::seq).containsExactly(1, 2, 3, 4);
        assertThat(route.stops().get(0).planned()).isEqualTo(Instant.parse("2026-11-28T06:12:00Z"));
        assertThat(route.stops().get(0).jobId()).isEqualTo(42L);
        assertThat(route.stops().get(1).planned()).isEqualTo(Instant.parse("2026-11-28T09:40:00Z"));
        assertThat(route.stops().get(2).planned()).as("a break's plannedStart").isEqualTo(Instant.parse("2026-11-28T10:30:00Z"));
        assertThat(route.stops().get(2).breakTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(route.stops().get(3).planned()).as("no plannedArrival: no planned time").isNull();
    }

    @Test
    void aPlannedTimeThatDoesNotParseLeavesTheStopWithoutOne() {
        String json = """
                {"version": 1, "truckId": "truck-n1", "revision": 1, "stops": [
                  {"seq": 1, "kind": "bin", "jobId": 7, "binId": "b-7", "lat": 31.2, "lon": 121.4, "plannedArrival": "soon"}]}""";
        Stop stop = messages.route(json.getBytes(StandardCharsets.UTF_8)).stops().getFirst();
        assertThat(stop.planned()).isNull();
        assertThat(stop.jobId()).isEqualTo(7L);
    }
}
