package org.clearway.routing.model;

/** A closed interval {@code [start, end]} in seconds from the start of the day. */
public record TimeWindow(long start, long end) {

    /** No restriction: a window that covers any day. */
    public static final TimeWindow ALWAYS = new TimeWindow(0, 10L * 24 * 3600);

    public TimeWindow {
        if (end < start) {
            throw new IllegalArgumentException("time window end " + end + " is before its start " + start);
        }
    }

    public boolean contains(double time, double tolerance) {
        return time >= start - tolerance && time <= end + tolerance;
    }
}
