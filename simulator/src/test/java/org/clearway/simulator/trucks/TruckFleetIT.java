package org.clearway.simulator.trucks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.simulator.expect.ExpectedReading;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.city.SimBin;
import org.clearway.simulator.trucks.TruckFleet.FleetSettings;
import org.clearway.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Simulated trucks against the real broker: the test plays dispatch, publishing retained routes and
 * answering updates (or holding its answers back), and checks what the trucks publish.
 */
class TruckFleetIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String prefix = "trucks-it-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    private final MqttConfig broker = new MqttConfig(TestInfrastructure.broker().serverUri(), "", "", prefix);
    private final TruckTopicNames topics = new TruckTopicNames(prefix);
    private final List<JsonNode> updates = new CopyOnWriteArrayList<>();
    private final List<JsonNode> positions = new CopyOnWriteArrayList<>();
    /** Replies held back for the first update of truck t-repeat. */
    private final AtomicInteger holdFirst = new AtomicInteger();
    private final ExecutorService replier = Executors.newSingleThreadExecutor();
    private PahoMqttSession dispatch;
    private Simulation sim;
    private TruckFleet fleet;

    @BeforeEach
    void dispatchStandIn() {
        dispatch = new PahoMqttSession(MqttClientSettings.publisher(broker, "dispatch-" + prefix.replace("/", ""), 100));
        dispatch.subscribe(prefix + "trucks/+/updates", 1, this::onUpdate);
        dispatch.subscribe(prefix + "trucks/+/position", 0, m -> positions.add(read(m)));
        dispatch.start();
        await(dispatch::isSubscribed, "the stand-in for dispatch subscribes");
        // Six hours of simulated past at 600x: simulated time stays behind the real now for 36 s of wall time.
        sim = Simulation.builder().seed(3).bins(20).idPrefix("tr").topicPrefix(prefix).speed(600)
                .start(Instant.now().minus(Duration.ofHours(6))).build();
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        dispatch.close();
        replier.shutdownNow();
    }

    private void onUpdate(InboundMessage m) {
        JsonNode u = read(m);
        updates.add(u);
        String id = u.path("updateId").asText();
        if (id.startsWith("t-repeat-") && id.endsWith("-000001") && holdFirst.getAndDecrement() > 0) {
            return;
        }
        String truck = m.topic().substring(prefix.length() + "trucks/".length(), m.topic().length() - "/updates".length());
        String reply = "{\"version\":1,\"updateId\":\"" + id + "\",\"jobId\":" + u.path("jobId").asLong()
                + ",\"status\":\"applied\",\"state\":\"" + u.path("event").asText() + "\",\"detail\":null}";
        replier.execute(() -> dispatch.publish(topics.replies(truck), reply.getBytes(StandardCharsets.UTF_8), 1, false));
    }

    private TruckFleet startFleet(String truckId, SimBin home, Duration repeatAfter) {
        TruckSpec spec = new TruckSpec(truckId, home.lat(), home.lon(), 10_000, 5_000);
        TruckFleet f = TruckFleet.start(List.of(spec), FleetSettings.defaults().withRepeatAfter(repeatAfter)
                .withClientIdPrefix(prefix.replace("/", "-")).withSessionExpiry(Duration.ofMinutes(5)), broker,
                sim.time(), BinYard.of(sim));
        await(f::ready, "the truck subscribes");
        return f;
    }

    private void publishRoute(String truckId, int revision, String stops) {
        String route = "{\"version\":1,\"truckId\":\"" + truckId + "\",\"shiftDate\":\"2026-11-28\",\"revision\":" + revision
                + ",\"publishedAt\":\"" + sim.time().start() + "\",\"stops\":[" + stops + "]}";
        dispatch.publish(topics.route(truckId), route.getBytes(StandardCharsets.UTF_8), 1, true).join();
    }

    private static String binStop(int seq, long jobId, SimBin bin) {
        return "{\"seq\":" + seq + ",\"kind\":\"bin\",\"jobId\":" + jobId + ",\"binId\":\"" + bin.id() + "\",\"lat\":"
                + bin.lat() + ",\"lon\":" + bin.lon() + ",\"stream\":\"" + bin.stream().code() + "\",\"priority\":\"normal\"}";
    }

    private List<String> events() {
        return updates.stream().map(u -> u.path("jobId").asLong() + ":" + u.path("event").asText()).distinct().toList();
    }

    @Test
    void followsARetainedRouteAndEmptiesTheBins() {
        List<SimBin> bins = sim.bins();
        SimBin a = bins.get(0);
        SimBin b = bins.get(1);
        String truck = "t-follow";
        // Retained before the truck exists: it gets the route when it subscribes.
        publishRoute(truck, 2, binStop(1, 101, a) + "," + binStop(2, 102, b)
                + ",{\"seq\":3,\"kind\":\"break\",\"minutes\":1}"
                + ",{\"seq\":4,\"kind\":\"depot\",\"facilityId\":\"home\",\"lat\":" + a.lat() + ",\"lon\":" + a.lon() + "}");
        fleet = startFleet(truck, a, Duration.ofSeconds(10));

        await(() -> events().size() >= 6, "six updates");
        assertThat(events()).containsExactly("101:accepted", "102:accepted", "101:arrived", "101:collected",
                "102:arrived", "102:collected");
        await(() -> fleet.unit(truck).orElseThrow().unanswered() == 0, "every update answered");
        assertThat(fleet.stats().applied()).isEqualTo(6);
        assertThat(fleet.stats().emptied()).isEqualTo(2);

        JsonNode collected = updates.stream().filter(u -> u.path("event").asText().equals("collected")).findFirst()
                .orElseThrow();
        assertThat(collected.path("version").asInt()).isEqualTo(1);
        assertThat(collected.path("updateId").asText()).startsWith(truck + "-");
        assertThat(collected.path("volumeL").asDouble()).isPositive().isLessThanOrEqualTo(a.volumeL());
        assertThat(collected.path("weightKg").asDouble())
                .isCloseTo(collected.path("volumeL").asDouble() * a.stream().kgPerLitre(), org.assertj.core.data.Offset.offset(0.2));
        List<Instant> ts = updates.stream().map(u -> Instant.parse(u.path("ts").asText())).toList();
        assertThat(ts).isSorted();
        assertThat(ts.get(ts.size() - 1)).isBefore(Instant.now());

        await(() -> !positions.isEmpty(), "positions");
        assertThat(positions).allSatisfy(p -> {
            assertThat(p.path("version").asInt()).isEqualTo(1);
            assertThat(p.has("lat") && p.has("lon") && p.has("loadPct")).isTrue();
        });
        assertThat(positions.stream().map(p -> p.path("loadPct").asDouble())).anyMatch(l -> l > 0);

        // The simulated bin was emptied: its first reading measured after the collection shows the drop.
        Instant collectedAt = Instant.parse(collected.path("ts").asText());
        List<ExpectedReading> after = new ArrayList<>();
        await(() -> {
            sim.streamUntil(sim.time().now()).flatMap(p -> p.expectation().valid().stream())
                    .filter(r -> r.key().binId().equals(a.id()) && r.key().ts().isAfter(collectedAt)).forEach(after::add);
            return !after.isEmpty();
        }, "a reading of the emptied bin");
        assertThat(after.get(0).fillPct()).isLessThan(8);
    }

    @Test
    void repeatsAnUpdateUnchangedUntilItsReplyComes() {
        SimBin a = sim.bins().get(2);
        String truck = "t-repeat";
        holdFirst.set(3);  // the first update (accepted) gets its reply on its fourth copy
        publishRoute(truck, 1, binStop(1, 201, a));
        fleet = startFleet(truck, a, Duration.ofMillis(300));
        await(() -> !updates.isEmpty(), "the first update");
        String first = updates.get(0).path("updateId").asText();
        assertThat(first).endsWith("-000001");
        await(() -> updates.stream().filter(u -> u.path("updateId").asText().equals(first)).count() >= 4,
                "the same update four times");
        List<JsonNode> copies = updates.stream().filter(u -> u.path("updateId").asText().equals(first)).toList();
        assertThat(copies).allSatisfy(c -> assertThat(c).isEqualTo(copies.get(0)));
        await(() -> fleet.unit(truck).orElseThrow().unanswered() == 0 && events().contains("201:collected"),
                "everything answered in the end");
        assertThat(fleet.stats().repeats()).isGreaterThanOrEqualTo(3);
        assertThat(fleet.stats().applied()).isEqualTo(3);
    }

    @Test
    void ignoresALowerRevision() {
        SimBin a = sim.bins().get(3);
        SimBin b = sim.bins().get(4);
        String truck = "t-revisions";
        publishRoute(truck, 5, binStop(1, 301, a));
        fleet = startFleet(truck, a, Duration.ofSeconds(10));
        TruckUnit unit = fleet.unit(truck).orElseThrow();
        await(() -> unit.revision() == 5, "revision 5 taken");
        publishRoute(truck, 4, binStop(1, 302, b));
        await(() -> fleet.stats().routesIgnored() >= 1, "revision 4 ignored");
        publishRoute(truck, 6, binStop(1, 301, a) + "," + binStop(2, 303, b));
        await(() -> events().contains("303:collected"), "revision 6 driven");
        assertThat(unit.revision()).isEqualTo(6);
        assertThat(events()).doesNotContain("302:accepted").containsSubsequence("301:accepted", "303:accepted");
        assertThat(events().stream().filter(e -> e.equals("301:collected"))).hasSize(1);
    }

    @Test
    void anOfflineTruckQueuesItsUpdatesAndSendsThemAfterReconnecting() {
        SimBin a = sim.bins().get(5);
        String truck = "t-offline";
        // A 10-minute break first (1 s of wall time): the truck goes offline before it reaches the bin.
        publishRoute(truck, 1, "{\"seq\":1,\"kind\":\"break\",\"minutes\":10}," + binStop(2, 401, a));
        fleet = startFleet(truck, a, Duration.ofSeconds(30));
        TruckUnit unit = fleet.unit(truck).orElseThrow();
        await(() -> events().contains("401:accepted"), "accepted");
        unit.goOffline(Duration.ofSeconds(6));
        await(() -> unit.offline() && unit.unanswered() >= 2, "arrived and collected queued while offline");
        assertThat(events()).containsExactly("401:accepted");
        await(() -> events().contains("401:collected"), "the updates made offline, delivered after the reconnect");
        assertThat(events()).containsExactly("401:accepted", "401:arrived", "401:collected");
        await(() -> unit.unanswered() == 0, "replies through the persistent session");
    }

    private static JsonNode read(InboundMessage m) {
        try {
            return JSON.readTree(m.payload());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
