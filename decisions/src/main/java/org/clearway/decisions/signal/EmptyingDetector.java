package org.clearway.decisions.signal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Recognises an emptying: the decision level was above {@code minBeforePct} and the next one is below
 * {@code maxAfterPct} (defaults 40 and 15). Because decision levels are medians of three readings, an emptying
 * shows after the second low reading; its time is that of the first low reading.
 *
 * @param minBeforePct the level before must be strictly above this
 * @param maxAfterPct  the level after must be strictly below this
 */
public record EmptyingDetector(double minBeforePct, double maxAfterPct) {

    /**
     * @param at      time of the first low reading
     * @param fromPct decision level before the drop
     * @param toPct   decision level after the drop
     */
    public record Emptying(Instant at, double fromPct, double toPct) {
    }

    public EmptyingDetector {
        if (!(maxAfterPct < minBeforePct)) {
            throw new IllegalArgumentException("emptying needs maxAfterPct < minBeforePct, got "
                    + maxAfterPct + " and " + minBeforePct);
        }
    }

    /** The rule itself, on two levels. */
    public boolean isDrop(double beforePct, double afterPct) {
        return beforePct > minBeforePct && afterPct < maxAfterPct;
    }

    /**
     * The rule for a level seen some time after the emptying, when the bin may have filled again: below
     * {@code minBeforePct}, and at least the rule's own step ({@code minBeforePct - maxAfterPct}) below the level
     * before.
     */
    public boolean isLateDrop(double beforePct, double laterPct) {
        return beforePct > minBeforePct && laterPct < minBeforePct && beforePct - laterPct >= minBeforePct - maxAfterPct;
    }

    /**
     * @param previousLevel decision level before the newest reading, or null if there was none
     * @param level         decision level after it
     * @param window        the raw readings behind {@code level}, oldest first
     */
    public Optional<Emptying> detect(Double previousLevel, double level, List<FillSample> window) {
        if (previousLevel == null || !isDrop(previousLevel, level)) {
            return Optional.empty();
        }
        int first = window.size() - 1;
        while (first > 0 && window.get(first - 1).pct() < maxAfterPct) {
            first--;
        }
        return Optional.of(new Emptying(window.get(first).at(), previousLevel, level));
    }
}
