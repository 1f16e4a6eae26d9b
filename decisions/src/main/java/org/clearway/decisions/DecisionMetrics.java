package org.clearway.decisions;

import org.clearway.core.job.JobReason;

/** What the engine counts. Every method defaults to nothing; {@link #NOOP} counts nothing. */
public interface DecisionMetrics {

    DecisionMetrics NOOP = new DecisionMetrics() { };

    /** A reading not after the bin's last one: ignored. */
    default void readingIgnored() {
    }

    /** A reading that jumped and came back (the median ignored it). */
    default void spikeSuppressed() {
    }

    default void jobCreated(JobReason reason) {
    }

    /** A job that was not created because an open job already covers it. */
    default void jobSuppressed(JobReason reason) {
    }

    default void emptyingDetected() {
    }

    default void stuckFlagged() {
    }
}
