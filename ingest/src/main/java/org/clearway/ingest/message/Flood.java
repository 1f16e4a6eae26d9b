package org.clearway.ingest.message;

import java.time.Instant;

/** A bin flooding since the last drain: when, how many messages over its limit, how many parked, its limit. */
public record Flood(String binId, Instant firstAt, Instant lastAt, long overLimit, long parked, long limit,
                    long sentInWindow) {
    public Flood plus(Flood later) {
        return new Flood(binId, firstAt, later.lastAt, overLimit + later.overLimit, parked + later.parked,
                later.limit, Math.max(sentInWindow, later.sentInWindow));
    }
}
