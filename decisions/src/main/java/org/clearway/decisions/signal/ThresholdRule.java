package org.clearway.decisions.signal;

/**
 * A fill threshold with hysteresis, so that a bin hovering at the line does not flap.
 *
 * <p>{@link Phase#ARMED} becomes {@link Phase#TRIGGERED} when the level reaches {@code thresholdPct} (that step is
 * the <em>crossing</em>, the one moment a job is asked for); {@code TRIGGERED} goes back to {@code ARMED} only when
 * the level falls below {@code thresholdPct - rearmBandPct}, or when the bin is emptied ({@link #rearm()}).
 *
 * @param thresholdPct level at which the bin needs service
 * @param rearmBandPct how far below the threshold the level must fall to re-arm
 */
public record ThresholdRule(double thresholdPct, double rearmBandPct) {

    /** Whether the next crossing may ask for a job. */
    public enum Phase { ARMED, TRIGGERED }

    /**
     * @param phase   the phase after the level
     * @param crossed whether this level crossed the threshold (armed to triggered)
     */
    public record Step(Phase phase, boolean crossed) {
    }

    public ThresholdRule {
        if (!(thresholdPct > 0 && thresholdPct <= 100)) {
            throw new IllegalArgumentException("threshold must be in (0, 100], got " + thresholdPct);
        }
        if (!(rearmBandPct >= 0)) {
            throw new IllegalArgumentException("re-arm band must not be negative, got " + rearmBandPct);
        }
    }

    public Step apply(Phase phase, double levelPct) {
        if (phase == Phase.ARMED) {
            return levelPct >= thresholdPct ? new Step(Phase.TRIGGERED, true) : new Step(Phase.ARMED, false);
        }
        return levelPct < thresholdPct - rearmBandPct ? new Step(Phase.ARMED, false) : new Step(Phase.TRIGGERED, false);
    }

    /** The phase after an emptying. */
    public static Phase rearm() {
        return Phase.ARMED;
    }
}
