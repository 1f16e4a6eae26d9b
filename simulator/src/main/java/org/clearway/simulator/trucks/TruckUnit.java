package org.clearway.simulator.trucks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.simulator.trucks.TruckEvent.JobUpdate;
import org.clearway.simulator.trucks.TruckEvent.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-board unit of one simulated truck: its own MQTT client (own client id, persistent
 * session), subscribed to its {@code route} (retained) and {@code replies}; it feeds routes to its
 * {@link TruckDriver} and publishes positions (QoS 0) and updates (QoS 1, each repeated until its
 * reply comes). Messages are queued by the MQTT callback and handled on the fleet's thread by
 * {@link #tick}. A route is taken once simulated time has reached its {@code publishedAt} (the
 * truck lives in the sensors' simulated time). {@link #goOffline} drops the connection without a
 * DISCONNECT for a while: updates queue up and go out after the reconnect, and the broker keeps
 * the replies for the persistent session.
 */
public final class TruckUnit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TruckUnit.class);

    private final TruckDriver driver;
    private final TruckTopicNames topics;
    private final Function<String, MqttSession> sessions;
    private final TruckMessages messages;
    private final UpdateOutbox outbox;
    private final TruckStats stats;
    private final Clock wall;
    private final String clientId;
    private final String updatePrefix;
    private final ConcurrentLinkedQueue<InboundMessage> inbox = new ConcurrentLinkedQueue<>();
    private volatile MqttSession session;
    private volatile Instant offlineUntil;
    private Route held;
    private long updateCount;
    private boolean wasConnected;

    /**
     * @param sessions makes the MQTT session for a client id (persistent: {@code cleanStart=false})
     * @param runTag   makes update ids unique across runs of the same truck
     */
    public TruckUnit(TruckDriver driver, TruckTopicNames topics, String clientId, Function<String, MqttSession> sessions,
                     Duration repeatAfter, TruckStats stats, Clock wall, String runTag) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.topics = topics;
        this.clientId = clientId;
        this.sessions = sessions;
        this.messages = new TruckMessages();
        this.outbox = new UpdateOutbox(repeatAfter);
        this.stats = stats;
        this.wall = wall;
        this.updatePrefix = driver.truckId() + "-" + runTag + "-";
    }

    public String truckId() {
        return driver.truckId();
    }

    /** Connects in the background and subscribes to the truck's route and replies. */
    public void start() {
        MqttSession s = sessions.apply(clientId);
        s.subscribe(topics.route(driver.truckId()), 1, inbox::add);
        s.subscribe(topics.replies(driver.truckId()), 1, inbox::add);
        s.start();
        session = s;
    }

    public boolean isSubscribed() {
        MqttSession s = session;
        return s != null && s.isSubscribed();
    }

    /** The road kilometres the truck has driven ({@link TruckDriver#drivenKm()}). */
    public double drivenKm() {
        return driver.drivenKm();
    }

    /** The road kilometres driven on legs a new revision turned away from ({@link TruckDriver#abandonedKm()}). */
    public double abandonedKm() {
        return driver.abandonedKm();
    }

    /** The revision of the route followed; 0 before the first. */
    public int revision() {
        return driver.revision();
    }

    /** Updates still waiting for their reply. */
    public synchronized int unanswered() {
        return outbox.size();
    }

    /** Drops the connection at once, without DISCONNECT, and stays away for {@code duration} (wall time). */
    public synchronized void goOffline(Duration duration) {
        MqttSession s = session;
        session = null;
        offlineUntil = wall.instant().plus(duration);
        if (s instanceof PahoMqttSession paho) {
            paho.abort();
        } else if (s != null) {
            s.close();
        }
        LOG.info("Truck {} goes offline for {}", driver.truckId(), duration);
    }

    public boolean offline() {
        return session == null;
    }

    /** Handles what came in, moves the truck to simulated {@code now}, and sends what is due. */
    public synchronized void tick(Instant now) {
        if (session == null && offlineUntil != null && !wall.instant().isBefore(offlineUntil)) {
            offlineUntil = null;
            LOG.info("Truck {} reconnects", driver.truckId());
            start();
        }
        for (InboundMessage m; (m = inbox.poll()) != null; ) {
            receive(m);
        }
        if (held != null && !held.publishedAt().isAfter(now)) {
            Route r = held;
            held = null;
            take(r, now);
        }
        driver.advance(now).forEach(this::emit);
        flush();
    }

    private void receive(InboundMessage m) {
        try {
            if (m.topic().endsWith("/route")) {
                if (m.payload().length == 0) {
                    return;  // the retained route was cleared on the broker; a withdrawal is an empty stops list
                }
                Route r = messages.route(m.payload());
                if (r.revision() <= Math.max(driver.revision(), held == null ? 0 : held.revision())) {
                    stats.routesIgnored.increment();
                } else {
                    held = r.publishedAt() == null ? new Route(r.truckId(), r.shiftDate(), r.revision(), Instant.MIN,
                            r.stops()) : r;
                }
            } else {
                TruckMessages.Reply reply = messages.reply(m.payload());
                if (reply.updateId() == null || !outbox.answered(reply.updateId())) {
                    return;  // a repeat's second reply, or an update of another run
                }
                switch (String.valueOf(reply.status())) {
                    case "applied" -> stats.applied.increment();
                    case "duplicate" -> stats.duplicates.increment();
                    default -> {
                        stats.rejected.increment();
                        LOG.warn("Truck {}: update {} (job {}) was {}: {}", driver.truckId(), reply.updateId(),
                                reply.jobId(), reply.status(), reply.detail());
                    }
                }
            }
        } catch (RuntimeException e) {
            stats.routesUnreadable.increment();
            LOG.warn("Truck {}: cannot read a message on {}: {}", driver.truckId(), m.topic(), e.getMessage());
        }
    }

    private void take(Route r, Instant now) {
        driver.adopt(r, now).ifPresentOrElse(events -> {
            stats.routesTaken.increment();
            LOG.info("Truck {} follows route revision {} ({} stops)", driver.truckId(), r.revision(), r.stops().size());
            events.forEach(this::emit);
        }, stats.routesIgnored::increment);
    }

    private void emit(TruckEvent e) {
        switch (e) {
            case Position p -> {
                MqttSession s = session;
                if (s != null && s.isConnected()) {  // QoS 0: a position lost is replaced by the next
                    s.publish(topics.position(driver.truckId()), messages.position(p), 0, false);
                    stats.positions.increment();
                }
            }
            case JobUpdate u -> {
                String id = updatePrefix + String.format("%06d", ++updateCount);
                outbox.add(id, messages.update(id, u));
                stats.updates.increment();
                if (u.event().equals("collected")) {
                    stats.emptied.increment();
                }
            }
        }
    }

    private void flush() {
        MqttSession s = session;
        boolean connected = s != null && s.isConnected();
        if (connected && !wasConnected) {
            outbox.resendAll();  // what was sent on the old connection may not have reached the broker
        }
        wasConnected = connected;
        if (!connected) {
            return;
        }
        for (UpdateOutbox.Send send : outbox.due(wall.instant())) {
            s.publish(topics.updates(driver.truckId()), send.payload(), 1, false);
            if (send.repeat()) {
                stats.repeats.increment();
            }
        }
    }

    @Override
    public synchronized void close() {
        MqttSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
    }
}
