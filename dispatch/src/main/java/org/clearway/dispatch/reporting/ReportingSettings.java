package org.clearway.dispatch.reporting;

import java.time.Duration;
import java.util.Objects;

import org.clearway.decisions.reporting.ReportingIntervals;
import org.clearway.decisions.reporting.ReportingRule;

/**
 * The reporting chore's settings (read from the environment by the app's {@code ReportingConfig}).
 *
 * @param adaptive             whether the chore runs at all ({@code CLEARWAY_DISPATCH_REPORTING=adaptive})
 * @param every                how often it looks at the bins (city clock)
 * @param intervals            the interval of each tier
 * @param rule                 the tier rule's knobs
 * @param chirpstackApplication the ChirpStack application id downlinks go to
 * @param ttsApplication       The Things Stack's {@code {application}@{tenant}} downlinks go to
 * @param ackWait              how long a run waits for the broker's acknowledgements of its downlinks
 */
public record ReportingSettings(boolean adaptive, Duration every, ReportingIntervals intervals, ReportingRule.Settings rule,
                                String chirpstackApplication, String ttsApplication, Duration ackWait) {

    public ReportingSettings {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(intervals, "intervals");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(chirpstackApplication, "chirpstackApplication");
        Objects.requireNonNull(ttsApplication, "ttsApplication");
        Objects.requireNonNull(ackWait, "ackWait");
    }
}
