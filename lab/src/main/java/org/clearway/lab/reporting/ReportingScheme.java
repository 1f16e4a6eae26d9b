package org.clearway.lab.reporting;

import java.time.Duration;
import java.util.Objects;

import org.clearway.decisions.reporting.ReportingIntervals;
import org.clearway.decisions.reporting.ReportingRule;

/**
 * How the simulated sensors report: at a fixed interval, or adaptively through the service's {@link ReportingRule}
 * and {@link ReportingIntervals} (null for a fixed scheme). Intervals are whole 15-minute steps of the simulation.
 */
record ReportingScheme(String name, Duration fixed, ReportingIntervals intervals, ReportingRule.Settings rule) {

    ReportingScheme {
        Objects.requireNonNull(name, "name");
        if ((fixed == null) == (intervals == null)) {
            throw new IllegalArgumentException("a scheme is fixed or adaptive");
        }
    }

    static ReportingScheme fixed(Duration every) {
        return new ReportingScheme("fixed " + every.toMinutes() + " min", every, null, null);
    }

    static ReportingScheme adaptive(ReportingIntervals intervals, ReportingRule.Settings rule) {
        return new ReportingScheme("adaptive " + intervals.fast().toMinutes() + "/" + intervals.normal().toMinutes()
                + "/" + intervals.slow().toMinutes() + " min", null, intervals, rule);
    }

    boolean adaptive() {
        return intervals != null;
    }
}
