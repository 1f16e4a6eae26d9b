package org.clearway.api.assessment;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One computation of an assessment for identical requests (docs/api.md, "Budgets"): a request for the token zone,
 * asked zone and period of an assessment being computed waits for that computation instead of starting another
 * (single flight), and one whose computation started less than the maximum age ago
 * ({@code CLEARWAY_API_ASSESSMENT_MAX_AGE}) is answered again; its {@code generatedAt} says when it was computed.
 * The token's zone is part of the key: an answer is only ever shared by tokens that see the same zones. A failed
 * computation is not kept. A maximum age of zero keeps nothing once computed (only requests that arrive while it
 * runs share it).
 */
public final class SharedAssessments {
    /** Finished answers kept at most; past it the expired ones go, then every finished one. */
    static final int MAX_ENTRIES = 256;

    /** What makes two requests identical: the token's zone, the asked zone (null: the token's) and the period. */
    public record Key(String tokenZone, String zone, Period period) {
    }

    private record Flight(long startedAtMillis, Future<Assessment> answer) {
    }

    private final Clock clock;
    private final long maxAgeMillis;
    private final Map<Key, Flight> flights = new ConcurrentHashMap<>();

    public SharedAssessments(Clock clock, Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("negative maximum age " + maxAge);
        }
        this.clock = clock;
        this.maxAgeMillis = maxAge.toMillis();
    }

    /**
     * The assessment for this key: the one being computed, or one started less than the maximum age ago, else a new
     * computation from {@code compute} (which may fail at once, for a full queue: that failure is not kept).
     */
    public Future<Assessment> get(Key key, Supplier<Future<Assessment>> compute) {
        long now = clock.millis();
        Promise<Assessment> promise = Promise.promise();
        Flight mine = new Flight(now, promise.future());
        Flight flight = flights.compute(key, (k, old) ->
                old != null && (!old.answer().isComplete() || (old.answer().succeeded() && fresh(old, now))) ? old : mine);
        if (flight != mine) {
            return flight.answer();
        }
        mine.answer().onComplete(r -> {
            if (r.failed() || maxAgeMillis == 0) {
                flights.remove(key, mine);
            }
        });
        try {
            compute.get().onComplete(promise);
        } catch (RuntimeException e) {
            promise.fail(e);
        }
        trim(now);
        return mine.answer();
    }

    /** Entries kept (finished or not), for tests. */
    int size() {
        return flights.size();
    }

    private boolean fresh(Flight flight, long now) {
        long age = now - flight.startedAtMillis();
        return age >= 0 && age < maxAgeMillis;
    }

    private void trim(long now) {
        if (flights.size() <= MAX_ENTRIES) {
            return;
        }
        for (Iterator<Flight> it = flights.values().iterator(); it.hasNext(); ) {
            Flight f = it.next();
            if (f.answer().isComplete() && !fresh(f, now)) {
                it.remove();
            }
        }
        if (flights.size() > MAX_ENTRIES) {
            flights.values().removeIf(f -> f.answer().isComplete());
        }
    }
}
