package org.clearway.dispatch.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The bookkeeping of publications that must reach the broker at least once (jobs, routes): which ids are being
 * published now, which the broker acknowledged, and recording those acknowledgements in the database
 * ({@code announced_at}) so that only the others are published again. Thread-safe: acknowledgements arrive on the
 * MQTT client's threads.
 */
public final class Announcements {
    /** Records in the database that the broker acknowledged these ids at {@code at}. */
    @FunctionalInterface
    public interface Marker {
        void markAnnounced(Connection c, Collection<Long> ids, Instant at) throws SQLException;
    }

    private final Clock clock;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();

    public Announcements(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Claims the id for a publication; false when one is in flight or acknowledged and not yet recorded. */
    public boolean start(long id) {
        return inFlight.add(id);
    }

    public boolean inFlight(long id) {
        return inFlight.contains(id);
    }

    /** The broker acknowledged the id's publication: recorded at the next {@link #flush}. */
    public void acknowledged(long id) {
        acknowledged.add(id);
    }

    /** The publication failed: the id may be published again. */
    public void failed(long id) {
        inFlight.remove(id);
    }

    /** Records the acknowledgements so far with {@code marker} and commits; on failure keeps them for the next try. */
    public void flush(Connection c, Marker marker) throws SQLException {
        List<Long> done = new ArrayList<>();
        for (Long id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            done.add(id);
        }
        if (done.isEmpty()) {
            return;
        }
        try {
            marker.markAnnounced(c, done, clock.instant());
            c.commit();
        } catch (SQLException e) {
            acknowledged.addAll(done);
            throw e;
        }
        done.forEach(inFlight::remove);
    }
}
