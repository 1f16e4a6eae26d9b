package org.clearway.dispatch.app;

import java.time.Duration;

import org.clearway.core.config.Env;
import org.clearway.decisions.reporting.ReportingIntervals;
import org.clearway.decisions.reporting.ReportingRule;
import org.clearway.dispatch.reporting.ReportingSettings;

/**
 * Adaptive reporting's settings (docs/devices.md "Adaptive reporting"), each an environment variable:
 *
 * <ul>
 *   <li>{@code CLEARWAY_DISPATCH_REPORTING}: {@code fixed} (default: dispatch sends no downlink) or {@code adaptive}
 *       (the leader's reporting chore asks sensors to report faster near full, slower after emptying)</li>
 *   <li>{@code CLEARWAY_DISPATCH_REPORTING_EVERY}: how often (city clock) the chore looks at the bins, default
 *       {@code 10m}</li>
 *   <li>{@code CLEARWAY_DISPATCH_REPORTING_FAST}, {@code _NORMAL}, {@code _SLOW}: the tiers' intervals, default
 *       {@code 30m}, {@code 2h}, {@code 4h} (not shrinking from fast to slow)</li>
 *   <li>{@code CLEARWAY_DISPATCH_CHIRPSTACK_APPLICATION}: the ChirpStack application id whose devices get downlinks
 *       ({@code application/{id}/device/{devEui}/command/down}); empty (default): none through ChirpStack</li>
 *   <li>{@code CLEARWAY_DISPATCH_TTS_APPLICATION}: The Things Stack's {@code {application}@{tenant}}
 *       ({@code v3/{application}@{tenant}/devices/{deviceId}/down/push}); empty (default): none through it</li>
 *   <li>{@code CLEARWAY_DISPATCH_REPORTING_ACK_WAIT}: how long a run waits for the broker to acknowledge its
 *       downlinks, default {@code 10s}; the unacknowledged are not recorded and go again next run</li>
 * </ul>
 * The downlink topics carry {@code CLEARWAY_TOPIC_PREFIX}, as the network servers' uplink topics do in a run.
 */
public final class ReportingConfig {

    private ReportingConfig() {
    }

    public static ReportingSettings from(Env env) {
        String mode = env.string("CLEARWAY_DISPATCH_REPORTING", "fixed").strip();
        if (!mode.equals("fixed") && !mode.equals("adaptive")) {
            throw new IllegalArgumentException("Environment variable CLEARWAY_DISPATCH_REPORTING='" + mode
                    + "' is not valid: set it to fixed or adaptive, or unset it for fixed.");
        }
        ReportingIntervals d = ReportingIntervals.DEFAULTS;
        ReportingIntervals intervals;
        try {
            intervals = new ReportingIntervals(
                    PositiveDurations.of(env, "CLEARWAY_DISPATCH_REPORTING_FAST", d.fast()),
                    PositiveDurations.of(env, "CLEARWAY_DISPATCH_REPORTING_NORMAL", d.normal()),
                    PositiveDurations.of(env, "CLEARWAY_DISPATCH_REPORTING_SLOW", d.slow()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Environment variables CLEARWAY_DISPATCH_REPORTING_FAST, _NORMAL, _SLOW "
                    + "are not valid: " + e.getMessage());
        }
        return new ReportingSettings(mode.equals("adaptive"),
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_REPORTING_EVERY", Duration.ofMinutes(10)), intervals,
                ReportingRule.Settings.DEFAULTS,
                env.string("CLEARWAY_DISPATCH_CHIRPSTACK_APPLICATION", "").strip(),
                env.string("CLEARWAY_DISPATCH_TTS_APPLICATION", "").strip(),
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_REPORTING_ACK_WAIT", Duration.ofSeconds(10)));
    }

}
