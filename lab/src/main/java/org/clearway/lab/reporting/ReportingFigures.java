package org.clearway.lab.reporting;

import java.util.Arrays;

/**
 * What one reporting scheme gave over the measured days.
 *
 * @param scheme          the scheme's name
 * @param binDays         bins times measured days
 * @param uplinks         uplinks sent in the measured days
 * @param downlinks       interval downlinks sent in the measured days
 * @param overflowHours   bin-hours at 100 % true fill
 * @param crossings       times a bin's true fill crossed its threshold
 * @param delaysHours     per crossing detected, hours from the crossing to the engine's collection job (0 when the
 *                        job came first)
 * @param missed          crossings where the bin reached 100 % before a job was asked for
 * @param collections     bins emptied
 */
record ReportingFigures(String scheme, double binDays, long uplinks, long downlinks, double overflowHours,
                        long crossings, double[] delaysHours, long missed, long collections) {

    /** A detection later than this after the crossing counts as late. */
    static final double LATE_HOURS = 1.0;

    double uplinksPerBinDay() {
        return uplinks / binDays;
    }

    double downlinksPerBinDay() {
        return downlinks / binDays;
    }

    double meanDelayHours() {
        return Arrays.stream(delaysHours).average().orElse(0);
    }

    double p95DelayHours() {
        if (delaysHours.length == 0) {
            return 0;
        }
        double[] sorted = delaysHours.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
    }

    long late() {
        return Arrays.stream(delaysHours).filter(d -> d > LATE_HOURS).count();
    }
}
