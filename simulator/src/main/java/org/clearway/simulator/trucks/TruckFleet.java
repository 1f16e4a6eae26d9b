package org.clearway.simulator.trucks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.core.time.DbClock;
import org.clearway.simulator.model.Seeds;
import org.clearway.simulator.model.SimulatedTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated trucks, each an on-board unit with its own MQTT client, moved together by one thread
 * every {@link FleetSettings#tick()} of wall time to the simulation's current simulated time (the
 * sensors' {@link SimulatedTime}, so trucks and bins share one clock that never passes the real now).
 */
public final class TruckFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TruckFleet.class);

    /**
     * @param clientIdPrefix each truck's client id is this followed by its id
     * @param sessionExpiry  how long the broker keeps a truck's session while it is away
     * @param repeatAfter    wall time before an unanswered update is sent again
     */
    public record FleetSettings(DrivingModel driving, Duration tick, Duration repeatAfter, Duration sessionExpiry,
                                String clientIdPrefix, long seed) {
        public static FleetSettings defaults() {
            return new FleetSettings(DrivingModel.DEFAULT, Duration.ofMillis(250), Duration.ofSeconds(10),
                    Duration.ofDays(1), "clearway-truck-", 1);
        }

        public FleetSettings withDriving(DrivingModel d) {
            return new FleetSettings(d, tick, repeatAfter, sessionExpiry, clientIdPrefix, seed);
        }

        public FleetSettings withRepeatAfter(Duration d) {
            return new FleetSettings(driving, tick, d, sessionExpiry, clientIdPrefix, seed);
        }

        public FleetSettings withClientIdPrefix(String p) {
            return new FleetSettings(driving, tick, repeatAfter, sessionExpiry, p, seed);
        }

        public FleetSettings withSessionExpiry(Duration d) {
            return new FleetSettings(driving, tick, repeatAfter, d, clientIdPrefix, seed);
        }

        public FleetSettings withSeed(long s) {
            return new FleetSettings(driving, tick, repeatAfter, sessionExpiry, clientIdPrefix, s);
        }
    }

    private final Map<String, TruckUnit> units;
    private final SimulatedTime time;
    private final TruckStats stats;
    private final ScheduledExecutorService ticker;

    private TruckFleet(Map<String, TruckUnit> units, SimulatedTime time, TruckStats stats, Duration tick) {
        this.units = units;
        this.time = time;
        this.stats = stats;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("trucks").daemon()
                .unstarted(r));
        ticker.scheduleWithFixedDelay(this::tickAll, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the trucks on this broker; each connects in the background. */
    public static TruckFleet start(List<TruckSpec> trucks, FleetSettings settings, MqttConfig broker,
                                   SimulatedTime time, BinYard yard) {
        Function<String, MqttSession> sessions = clientId -> new PahoMqttSession(new MqttClientSettings(broker,
                clientId, false, settings.sessionExpiry(), 100, false, 100, Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(10)));
        TruckTopicNames topics = new TruckTopicNames(broker.topicPrefix());
        TruckStats stats = new TruckStats();
        String runTag = Long.toString(DbClock.wall().millis(), 36);
        Map<String, TruckUnit> units = new LinkedHashMap<>();
        for (int i = 0; i < trucks.size(); i++) {
            TruckSpec spec = trucks.get(i);
            TruckDriver driver = new TruckDriver(spec, settings.driving(), yard, Seeds.stream(settings.seed(), "truck", i));
            TruckUnit unit = new TruckUnit(driver, topics, settings.clientIdPrefix() + spec.id(), sessions,
                    settings.repeatAfter(), stats, DbClock.wall(), runTag);
            if (units.putIfAbsent(spec.id(), unit) != null) {
                throw new IllegalArgumentException("truck " + spec.id() + " is listed twice");
            }
        }
        units.values().forEach(TruckUnit::start);
        return new TruckFleet(units, time, stats, settings.tick());
    }

    private void tickAll() {
        try {
            var now = time.now();
            for (TruckUnit u : units.values()) {
                u.tick(now);
            }
        } catch (RuntimeException e) {
            LOG.error("Simulated trucks: a tick failed", e);  // the next tick tries again
        }
    }

    public TruckStats stats() {
        return stats;
    }

    /** The road kilometres all the trucks have driven since they started ({@link TruckDriver#drivenKm()}). */
    public double drivenKm() {
        return units.values().stream().mapToDouble(TruckUnit::drivenKm).sum();
    }

    /** The part of {@link #drivenKm()} driven on legs a new route revision turned away from. */
    public double abandonedKm() {
        return units.values().stream().mapToDouble(TruckUnit::abandonedKm).sum();
    }

    public List<String> truckIds() {
        return new ArrayList<>(units.keySet());
    }

    public Optional<TruckUnit> unit(String truckId) {
        return Optional.ofNullable(units.get(truckId));
    }

    /** Every truck connected and subscribed to its route and replies. */
    public boolean ready() {
        return units.values().stream().allMatch(TruckUnit::isSubscribed);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        units.values().forEach(TruckUnit::close);
    }
}
