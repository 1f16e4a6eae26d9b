package org.clearway.api.assessment;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.clearway.core.config.Env;

/**
 * Settings of the community assessment, all from the environment (docs/assessment.md).
 *
 * <ul>
 *   <li>{@code CLEARWAY_ASSESSMENT_OVERFLOW_PCT}: fill at or above which a bin counts as overflowing, default 100</li>
 *   <li>{@code CLEARWAY_ASSESSMENT_REPORT_INTERVAL}: the interval in which a sensor is expected to report at least
 *       once (sensor uptime), default 1h</li>
 *   <li>{@code CLEARWAY_ASSESSMENT_GAP_CAP}: an overflowing reading counts until the next reading but for at most
 *       this long, default 2h</li>
 *   <li>{@code CLEARWAY_ASSESSMENT_RESIDUAL_STREAMS}: the waste streams that are not recycled (comma-separated
 *       codes); every other stream counts as recyclable in the recyclable share, default {@code residual}</li>
 *   <li>{@code CLEARWAY_ASSESSMENT_TIME_ZONE}: the time zone of quarters, default UTC</li>
 *   <li>{@code CLEARWAY_ASSESSMENT_ROLLUPS}: read the roll-ups of migration V11 where they can answer, default true;
 *       false reads every reading of the period</li>
 * </ul>
 */
public record AssessmentConfig(double overflowPct, Duration reportInterval, Duration gapCap,
                               List<String> residualStreams, ZoneId timeZone, boolean rollups) {

    /** Settings that read the roll-ups where they can answer. */
    public AssessmentConfig(double overflowPct, Duration reportInterval, Duration gapCap, List<String> residualStreams,
                            ZoneId timeZone) {
        this(overflowPct, reportInterval, gapCap, residualStreams, timeZone, true);
    }

    public static AssessmentConfig from(Env env) {
        Duration interval = env.duration("CLEARWAY_ASSESSMENT_REPORT_INTERVAL", Duration.ofHours(1));
        Duration cap = env.duration("CLEARWAY_ASSESSMENT_GAP_CAP", Duration.ofHours(2));
        require(interval.compareTo(Duration.ofMinutes(1)) >= 0 && interval.compareTo(Duration.ofDays(1)) <= 0,
                "CLEARWAY_ASSESSMENT_REPORT_INTERVAL", "between 1m and 1d");
        require(cap.compareTo(Duration.ofMinutes(1)) >= 0 && cap.compareTo(Duration.ofDays(7)) <= 0,
                "CLEARWAY_ASSESSMENT_GAP_CAP", "between 1m and 7d");
        String streams = env.string("CLEARWAY_ASSESSMENT_RESIDUAL_STREAMS", "residual");
        List<String> residual = Arrays.stream(streams.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        require(!residual.isEmpty() && residual.stream().allMatch(s -> s.matches("^[a-z][a-z0-9_]{0,31}$")),
                "CLEARWAY_ASSESSMENT_RESIDUAL_STREAMS", "comma-separated waste stream codes such as residual");
        ZoneId zone;
        try {
            zone = ZoneId.of(env.string("CLEARWAY_ASSESSMENT_TIME_ZONE", "UTC"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Environment variable CLEARWAY_ASSESSMENT_TIME_ZONE is not valid:"
                    + " set it to a time zone id such as UTC or Europe/Berlin, or unset it to use UTC.");
        }
        return new AssessmentConfig(env.integer("CLEARWAY_ASSESSMENT_OVERFLOW_PCT", 100, 1, 100), interval, cap,
                residual, zone, env.bool("CLEARWAY_ASSESSMENT_ROLLUPS", true));
    }

    private static void require(boolean ok, String key, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("Environment variable " + key + " is not valid: set it to " + expected
                    + ", or unset it to use the default.");
        }
    }
}
