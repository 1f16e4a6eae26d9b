package org.clearway.dispatch.trucks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

import org.clearway.core.mqtt.InboundMessage;
import org.clearway.dispatch.metrics.DispatchMetrics;
import org.clearway.dispatch.inbox.MessageHandler;
import org.clearway.dispatch.store.FleetStore;
import org.clearway.dispatch.trucks.ShiftDistance.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the trucks' positions ({@code {prefix}trucks/{truckId}/position}, QoS 0), one transaction each: the row in
 * {@code truck_positions} (a repeat is ignored), the truck's {@code last_*} when it is its newest, and the kilometres
 * it adds to the truck's shift day ({@link ShiftDistance}; the day is the position's date in the city's time zone).
 * A position that cannot be read, or of a truck the fleet does not know, is counted, logged at debug and dropped: a
 * lost position is replaced by the next.
 */
public final class TruckPositions {
    private static final Logger LOG = LoggerFactory.getLogger(TruckPositions.class);

    static final String STORED = "stored";
    static final String DUPLICATE = "duplicate";
    static final String INVALID = "invalid";
    static final String UNKNOWN_TRUCK = "unknown_truck";

    private final TruckTopics topics;
    private final FleetStore fleet;
    private final PositionStore positions;
    private final ZoneId zone;
    private final Clock clock;
    private final DispatchMetrics metrics;

    /** @param zone the city's time zone: a shift day is a local date */
    public TruckPositions(TruckTopics topics, FleetStore fleet, PositionStore positions, ZoneId zone, Clock clock,
                          DispatchMetrics metrics) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.positions = Objects.requireNonNull(positions, "positions");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** As the positions route's handler: stores the position and counts the outcome; nothing to do after the commit. */
    public MessageHandler handler() {
        return (c, message) -> {
            metrics.position(apply(c, message));
            return () -> { };
        };
    }

    /**
     * Stores one position on {@code c} (auto-commit off) and commits, or rolls back.
     *
     * @return the outcome: stored, duplicate, invalid or unknown_truck
     */
    public String apply(Connection c, InboundMessage message) throws SQLException {
        Optional<String> truck = topics.truckOfPosition(message.topic());
        if (truck.isEmpty()) {
            LOG.debug("A position on {} names no truck; dropped", message.topic());
            return INVALID;
        }
        Instant now = clock.instant();
        TruckPosition position;
        try {
            position = TruckPosition.parse(message.payload(), now);
        } catch (TruckPosition.BadPositionException e) {
            LOG.debug("Position of truck {} dropped: {}", truck.get(), e.getMessage());
            return INVALID;
        }
        String truckId = truck.get();
        if (fleet.truck(c, truckId).isEmpty()) {
            c.rollback();
            LOG.debug("Position of unknown truck {} dropped: add the truck to the fleet file", truckId);
            return UNKNOWN_TRUCK;
        }
        if (!positions.insert(c, truckId, position, now)) {
            c.rollback();
            return DUPLICATE;
        }
        positions.updateLast(c, truckId, position);
        LocalDate day = position.at().atZone(zone).toLocalDate();
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        Point added = new Point(position.at(), position.lat(), position.lon());
        Point previous = positions.previous(c, truckId, dayStart, position.at()).orElse(null);
        Point next = positions.next(c, truckId, position.at(), dayEnd).orElse(null);
        positions.addToShift(c, truckId, day, ShiftDistance.added(previous, added, next), position.at());
        c.commit();
        return STORED;
    }
}
