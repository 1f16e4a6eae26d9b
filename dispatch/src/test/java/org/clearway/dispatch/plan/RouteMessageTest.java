package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.clearway.dispatch.fleet.FacilityKind;
import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.dispatch.fleet.TruckStatus;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Solution;
import org.clearway.dispatch.store.Json;
import org.junit.jupiter.api.Test;

/** A solved shift day written as the route message of docs/trucks.md, and read back for its stops. */
class RouteMessageTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final ObjectMapper JSON = Json.mapper();
    private static final RouteMessage MESSAGES = new RouteMessage(JSON);

    private static PlanJob job(long id, JobState state, String truck, double lat) {
        return new PlanJob(id, "b-" + id, JobReason.THRESHOLD, Priority.NORMAL, state, truck,
                Instant.parse("2026-11-29T08:00:00Z"), NOW.minusSeconds(60 + id), lat, 121.47, "residual", 240, 100.0);
    }

    private static ShiftProblem shift() {
        return shift(DriverBreak.OFF);
    }

    private static ShiftProblem shift(DriverBreak driverBreak) {
        List<FleetFacility> facilities = List.of(
                new FleetFacility("depot", FacilityKind.DEPOT, "Depot", 31.27, 121.46, List.of(), LocalTime.of(5, 0),
                        LocalTime.of(23, 0)),
                new FleetFacility("transfer", FacilityKind.TRANSFER_STATION, "Transfer", 31.22, 121.53,
                        List.of("residual"), LocalTime.of(6, 0), LocalTime.of(22, 0)));
        List<Truck> trucks = List.of(new Truck("t1", "depot", List.of("residual"), 500, 1000, LocalTime.of(6, 0),
                LocalTime.of(14, 0), TruckStatus.ACTIVE));
        List<PlanJob> jobs = List.of(job(1, JobState.OPEN, null, 31.24), job(2, JobState.OPEN, null, 31.25),
                job(3, JobState.OPEN, null, 31.26), job(4, JobState.ARRIVED, "t1", 31.23));
        return new ProblemBuilder(ZoneOffset.UTC, driverBreak).build(new PlanSnapshot(NOW, DAY, trucks, facilities, jobs, Map.of()));
    }

    @Test
    void aPlannedRouteIsWrittenWithItsPinnedJobFirstUnloadsAndTheDepotLast() throws Exception {
        ShiftProblem shift = shift();
        Solution solution = new SearchPlanner().plan(shift.problem(), PlanOptions.ofSeconds(1));
        assertThat(new FeasibilityChecker(shift.problem()).check(solution).feasible()).isTrue();

        RouteDraft draft = RouteDraft.of("t1", shift, solution.routeOf("t1"));
        JsonNode message = JSON.readTree(MESSAGES.write(draft, DAY, 7, NOW.plusMillis(1500)));

        assertThat(message.get("version").asInt()).isEqualTo(1);
        assertThat(message.get("truckId").asText()).isEqualTo("t1");
        assertThat(message.get("shiftDate").asText()).isEqualTo("2026-11-28");
        assertThat(message.get("revision").asInt()).isEqualTo(7);
        assertThat(message.get("publishedAt").asText()).isEqualTo("2026-11-28T08:00:01Z");
        JsonNode stops = message.get("stops");
        JsonNode first = stops.get(0);
        assertThat(first.get("seq").asInt()).isEqualTo(1);
        assertThat(first.get("kind").asText()).isEqualTo("bin");
        assertThat(first.get("jobId").asLong()).as("the arrived job is pinned first").isEqualTo(4);
        assertThat(first.get("binId").asText()).isEqualTo("b-4");
        assertThat(first.get("stream").asText()).isEqualTo("residual");
        assertThat(first.get("priority").asText()).isEqualTo("normal");
        assertThat(first.get("dueAt").asText()).isEqualTo("2026-11-29T08:00:00Z");
        assertThat(Instant.parse(first.get("plannedArrival").asText())).isAfter(NOW);
        JsonNode last = stops.get(stops.size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("depot");
        assertThat(last.get("facilityId").asText()).isEqualTo("depot");
        assertThat(last.has("jobId")).isFalse();
        assertThat(draft.jobIds()).containsExactlyInAnyOrder(4L, 1L, 2L, 3L);

        // 500 l a load and 240 l a bin: at most two bins between unloads (the pinned one takes room from the first).
        int onBoard = 0;
        Instant previous = Instant.MIN;
        for (JsonNode stop : stops) {
            Instant at = Instant.parse(stop.get("plannedArrival").asText());
            assertThat(at).isAfterOrEqualTo(previous);
            previous = at;
            onBoard = stop.get("kind").asText().equals("bin") ? onBoard + 1 : 0;
            assertThat(onBoard).isLessThanOrEqualTo(2);
        }
        assertThat(MESSAGES.stopKeys(JSON.writeValueAsString(message))).isEqualTo(draft.stopKeys());
    }

    @Test
    void theDriversBreakIsPlannedInsideItsWindowAndShownToTheTruckInItsPlace() throws Exception {
        DriverBreak driverBreak = new DriverBreak(Duration.ofMinutes(30), LocalTime.of(8, 20), LocalTime.of(8, 40));
        ShiftProblem shift = shift(driverBreak);
        assertThat(shift.problem().vehicles().get(0).breakRule())
                .isEqualTo(new BreakRule(8 * 3600 + 20 * 60, 8 * 3600 + 40 * 60, 1800));
        Solution solution = new SearchPlanner().plan(shift.problem(), PlanOptions.ofSeconds(1));
        assertThat(new FeasibilityChecker(shift.problem()).check(solution).feasible()).isTrue();
        Double breakStart = solution.routeOf("t1").breakStart();
        assertThat(breakStart).isBetween(8 * 3600 + 20 * 60.0, 8 * 3600 + 40 * 60.0);

        RouteDraft draft = RouteDraft.of("t1", shift, solution.routeOf("t1"));
        JsonNode stops = JSON.readTree(MESSAGES.write(draft, DAY, 1, NOW)).get("stops");
        List<JsonNode> breaks = new ArrayList<>();
        stops.forEach(s -> {
            if (s.get("kind").asText().equals("break")) {
                breaks.add(s);
            }
        });
        assertThat(breaks).hasSize(1);
        JsonNode pause = breaks.get(0);
        Instant start = Instant.parse(pause.get("plannedStart").asText());
        assertThat(start).isBetween(Instant.parse("2026-11-28T08:20:00Z"), Instant.parse("2026-11-28T08:40:00Z"));
        assertThat(pause.get("minutes").asLong()).isEqualTo(30);
        assertThat(pause.has("lat")).as("taken wherever the truck is").isFalse();
        int seq = pause.get("seq").asInt();
        assertThat(seq).as("not first: the pinned job comes before 08:20").isGreaterThan(1);
        assertThat(Instant.parse(stops.get(seq - 2).get("plannedArrival").asText())).isBefore(start);
        assertThat(Instant.parse(stops.get(seq).get("plannedArrival").asText()))
                .as("the next stop is reached after the break").isAfterOrEqualTo(start.plus(Duration.ofMinutes(30)));
        assertThat(MESSAGES.stopKeys(JSON.writeValueAsString(JSON.readTree(MESSAGES.write(draft, DAY, 1, NOW)))))
                .isEqualTo(draft.stopKeys()).contains("break:30");
    }

    @Test
    void aBreakRuleFitsTheTrucksTime() {
        DriverBreak lunch = new DriverBreak(Duration.ofMinutes(30), LocalTime.of(11, 0), LocalTime.of(13, 0));
        assertThat(lunch.forShift(6 * 3600, 14 * 3600)).isEqualTo(new BreakRule(11 * 3600, 13 * 3600, 1800));
        assertThat(lunch.forShift(12 * 3600, 13 * 3600 + 600)).as("from now, and ending by the shift's end")
                .isEqualTo(new BreakRule(12 * 3600, 12 * 3600 + 2400, 1800));
        assertThat(lunch.forShift(14 * 3600, 22 * 3600)).as("a shift after the window").isNull();
        assertThat(lunch.forShift(6 * 3600, 11 * 3600 + 600)).as("too short to hold it").isNull();
        assertThat(DriverBreak.OFF.forShift(0, 86_400)).isNull();
    }

    @Test
    void aRouteWithNoBinLeftHasNoStopsAtAll() throws Exception {
        ShiftProblem shift = shift();
        Solution solution = new SearchPlanner().plan(shift.problem(), PlanOptions.ofSeconds(1));

        RouteDraft none = RouteDraft.of("t1", shift, solution.routeOf("t1")).keeping(id -> false);
        JsonNode message = JSON.readTree(MESSAGES.write(none, DAY, 8, NOW));

        assertThat(none.stops()).isEmpty();
        assertThat(none.distanceM()).isZero();
        assertThat(message.get("stops").isArray()).isTrue();
        assertThat(message.get("stops")).isEmpty();
        assertThat(RouteDraft.of("idle", shift, null).stops()).isEmpty();
    }
}
