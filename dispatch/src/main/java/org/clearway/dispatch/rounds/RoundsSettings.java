package org.clearway.dispatch.rounds;

import java.time.Duration;
import java.util.Objects;

import org.clearway.decisions.rounds.RiskRules;

/**
 * How the leader runs the rounds policy (built from the environment by the app's {@code RoundsConfig}).
 *
 * @param every      how often, on the city clock, the chore selects the shift's bins again
 * @param refitAfter a group's round days are fitted again this long after their last fit
 * @param rules      the policy's rules, the lab's {@link RiskRules#DEFAULTS} unless configured
 */
public record RoundsSettings(Duration every, Duration refitAfter, RiskRules rules) {

    /** The default refit cadence: the week's rhythm is learnt again each week. */
    public static final Duration REFIT_AFTER = Duration.ofDays(7);

    /** The lab's rules, selected every 15 minutes, refitted weekly. */
    public static final RoundsSettings DEFAULTS = new RoundsSettings(Duration.ofMinutes(15), REFIT_AFTER,
            RiskRules.DEFAULTS);

    public RoundsSettings {
        Objects.requireNonNull(rules, "rules");
        if (every == null || every.isNegative() || every.isZero() || refitAfter == null || refitAfter.isNegative()
                || refitAfter.isZero()) {
            throw new IllegalArgumentException("the rounds chore's period and refit cadence must be positive, got "
                    + every + " and " + refitAfter);
        }
    }
}
