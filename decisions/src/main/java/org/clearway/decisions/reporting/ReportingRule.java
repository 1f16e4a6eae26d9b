package org.clearway.decisions.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.clearway.decisions.BinState;
import org.clearway.decisions.signal.ThresholdRule;

/**
 * Chooses a bin sensor's reporting tier from what the decisions know of the bin. Pure: no clock, no I/O.
 *
 * <ul>
 *   <li>{@link ReportingTier#NORMAL} once a collection was asked for (the threshold rule triggered, or the forecast
 *       rule's condition holds): until the bin is emptied no reading changes that decision, and the normal interval
 *       still sees the emptying and an overflow;</li>
 *   <li>{@link ReportingTier#FAST} otherwise when the level is within {@code nearPoints} of the threshold, or the forecast's
 *       median reaches the threshold within {@code forecastWithin};</li>
 *   <li>{@link ReportingTier#SLOW} otherwise, when the level is below {@code slowBelowPct} or the bin was emptied less
 *       than {@code justEmptiedFor} ago;</li>
 *   <li>{@link ReportingTier#NORMAL} otherwise, and while the bin has no level yet.</li>
 * </ul>
 *
 * Hysteresis: a bin leaves FAST only once its level is {@code bandPoints} further below the FAST edge and its
 * forecast is {@code forecastBand} further out, and leaves SLOW by level only {@code bandPoints} above the SLOW
 * edge; so a level wavering at an edge does not send a downlink at every run. Entering FAST is never delayed.
 */
public final class ReportingRule {

    /**
     * The rule's knobs.
     *
     * @param nearPoints      FAST within this many points below the threshold (default 15)
     * @param forecastWithin  FAST when the threshold is forecast within this (default 6 h)
     * @param slowBelowPct    SLOW below this level (default 40 %)
     * @param justEmptiedFor  SLOW this long after an emptying (default 12 h)
     * @param bandPoints      hysteresis on the level edges (default 5 points)
     * @param forecastBand    hysteresis on the forecast edge (default 2 h)
     */
    public record Settings(double nearPoints, Duration forecastWithin, double slowBelowPct, Duration justEmptiedFor,
                           double bandPoints, Duration forecastBand) {

        public static final Settings DEFAULTS = new Settings(15, Duration.ofHours(6), 40, Duration.ofHours(12), 5,
                Duration.ofHours(2));

        public Settings {
            Objects.requireNonNull(forecastWithin, "forecastWithin");
            Objects.requireNonNull(justEmptiedFor, "justEmptiedFor");
            Objects.requireNonNull(forecastBand, "forecastBand");
            if (nearPoints < 0 || bandPoints < 0 || slowBelowPct < 0 || slowBelowPct > 100) {
                throw new IllegalArgumentException("reporting rule settings out of range: " + this);
            }
        }
    }

    /**
     * What the rule looks at.
     *
     * @param levelPct      the decision level, null before the bin has one
     * @param thresholdPct  the bin's threshold
     * @param thresholdEta  the forecast's median time to the threshold, null when none or beyond its horizon
     * @param lastEmptiedAt the last detected emptying, null when none
     * @param collectionAsked whether the decisions already asked for the bin's collection
     */
    public record Input(Double levelPct, double thresholdPct, Instant thresholdEta, Instant lastEmptiedAt,
                        boolean collectionAsked) {

        /** What the decision state says: level, the forecast's median time to the threshold, last emptying, and
         * whether the threshold rule triggered or the forecast rule's condition holds. */
        public static Input of(BinState state, double thresholdPct) {
            Instant eta = state.forecast() == null || state.forecast().threshold() == null ? null
                    : state.forecast().threshold().p50();
            return new Input(state.levelPct(), thresholdPct, eta, state.lastEmptiedAt(),
                    state.threshold() == ThresholdRule.Phase.TRIGGERED || state.forecastDue());
        }
    }

    private final Settings settings;

    public ReportingRule(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The tier for {@code input} at {@code now}, given the tier the sensor is on ({@code current}, null if unknown). */
    public ReportingTier tier(Input input, ReportingTier current, Instant now) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(now, "now");
        if (input.levelPct() == null) {
            return current == null ? ReportingTier.NORMAL : current;
        }
        if (input.collectionAsked()) {
            return ReportingTier.NORMAL;
        }
        double level = input.levelPct();
        boolean wasFast = current == ReportingTier.FAST;
        double fastEdge = input.thresholdPct() - settings.nearPoints() - (wasFast ? settings.bandPoints() : 0);
        Duration within = wasFast ? settings.forecastWithin().plus(settings.forecastBand()) : settings.forecastWithin();
        boolean forecastSoon = input.thresholdEta() != null && !input.thresholdEta().isAfter(now.plus(within));
        if (level >= fastEdge || forecastSoon) {
            return ReportingTier.FAST;
        }
        double slowEdge = settings.slowBelowPct() + (current == ReportingTier.SLOW ? settings.bandPoints() : 0);
        boolean justEmptied = input.lastEmptiedAt() != null && !input.lastEmptiedAt().isAfter(now)
                && now.isBefore(input.lastEmptiedAt().plus(settings.justEmptiedFor()));
        if (level < slowEdge || justEmptied) {
            return ReportingTier.SLOW;
        }
        return ReportingTier.NORMAL;
    }
}
