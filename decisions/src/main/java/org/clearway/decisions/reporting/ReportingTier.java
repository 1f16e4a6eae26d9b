package org.clearway.decisions.reporting;

/** How often a bin's sensor is asked to report: more often near its threshold, less often far from it. */
public enum ReportingTier {
    /** near the threshold, or forecast to reach it soon */
    FAST,
    /** neither near nor far */
    NORMAL,
    /** far below the threshold, or just emptied */
    SLOW
}
