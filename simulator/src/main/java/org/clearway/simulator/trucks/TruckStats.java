package org.clearway.simulator.trucks;

import java.util.concurrent.atomic.LongAdder;

/** Counters of a simulated fleet, for progress lines and tests; safe from any thread. */
public final class TruckStats {
    final LongAdder routesTaken = new LongAdder();
    final LongAdder routesIgnored = new LongAdder();
    final LongAdder routesUnreadable = new LongAdder();
    final LongAdder positions = new LongAdder();
    final LongAdder updates = new LongAdder();
    final LongAdder repeats = new LongAdder();
    final LongAdder applied = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder emptied = new LongAdder();

    public long routesTaken() {
        return routesTaken.sum();
    }

    /** Routes not newer than the one followed (redelivered retained messages, stale revisions). */
    public long routesIgnored() {
        return routesIgnored.sum();
    }

    public long positions() {
        return positions.sum();
    }

    /** Updates made (each counted once, however often it was sent). */
    public long updates() {
        return updates.sum();
    }

    /** Sends of an update again, its reply not yet come. */
    public long repeats() {
        return repeats.sum();
    }

    public long applied() {
        return applied.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    /** Bins emptied by trucks ({@code collected} updates). */
    public long emptied() {
        return emptied.sum();
    }

    public String line() {
        return String.format("trucks: %d routes (%d ignored, %d unreadable), %d positions, %d updates (%d repeated),"
                        + " replies %d applied / %d duplicate / %d rejected, %d bins emptied",
                routesTaken(), routesIgnored(), routesUnreadable.sum(), positions(), updates(), repeats(), applied(),
                duplicates(), rejected(), emptied());
    }
}
