package org.clearway.routing.model;

/** A driver's break: it must start within {@code [earliestStart, latestStart]} and lasts {@code duration} seconds. */
public record BreakRule(long earliestStart, long latestStart, long duration) {

    public BreakRule {
        if (latestStart < earliestStart || duration < 0) {
            throw new IllegalArgumentException("break needs earliestStart <= latestStart and duration >= 0, got "
                    + earliestStart + ".." + latestStart + " for " + duration + " s");
        }
    }
}
