package org.clearway.dispatch.plan;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.clearway.core.mqtt.MqttSession;
import org.clearway.dispatch.jobs.Announcements;
import org.clearway.dispatch.trucks.TruckTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes stored routes on {@code {prefix}trucks/{truckId}/route}, retained, QoS 1, exactly as stored (the
 * {@code routes.message} JSON): a revision has one content whoever publishes it. {@code routes.announced_at} is set
 * once the broker acknowledged; {@link #publishPending} publishes again the routes still unacknowledged that are
 * their truck's newest revision (an older revision is never published after a newer one: the retained message would
 * go back). The planner thread calls it when a leader takes over and every retry interval.
 *
 * <p>Database work is on the caller's connection, from the planner's thread; acknowledgements only queue ids for the
 * next {@link #flush}.
 */
public final class RouteAnnouncer {
    private static final Logger LOG = LoggerFactory.getLogger(RouteAnnouncer.class);
    private static final int QOS = 1;
    private static final int PENDING_BATCH = 500;

    private final MqttSession mqtt;
    private final TruckTopics topics;
    private final PlanStore store;
    private final PlanMetrics metrics;
    private final Announcements announcements;

    public RouteAnnouncer(MqttSession mqtt, TruckTopics topics, PlanStore store, Clock clock, PlanMetrics metrics) {
        this.mqtt = Objects.requireNonNull(mqtt, "mqtt");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.store = Objects.requireNonNull(store, "store");
        this.announcements = new Announcements(clock);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Publishes a committed route; returns at once. */
    public void announce(PlanStore.RouteRow route) {
        if (!announcements.start(route.id())) {
            return;
        }
        mqtt.publish(topics.route(route.truckId()), route.message().getBytes(StandardCharsets.UTF_8), QOS, true)
                .whenComplete((ok, error) -> {
                    if (error == null) {
                        announcements.acknowledged(route.id());
                        metrics.announced();
                    } else {
                        announcements.failed(route.id());
                        LOG.debug("Route {} revision {} not published yet ({}); it is published again later",
                                route.truckId(), route.revision(), error.getMessage());
                    }
                });
    }

    /** Publishes the newest revisions the broker has not acknowledged, oldest first. */
    public void publishPending(Connection c) throws SQLException {
        if (!mqtt.isConnected()) {
            return;
        }
        List<PlanStore.RouteRow> pending = store.unannounced(c, PENDING_BATCH);
        c.commit();
        pending.forEach(this::announce);
    }

    /** Records the broker's acknowledgements so far in {@code routes.announced_at}, and commits. */
    public void flush(Connection c) throws SQLException {
        announcements.flush(c, store::markAnnounced);
    }
}
