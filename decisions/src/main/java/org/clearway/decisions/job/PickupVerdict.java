package org.clearway.decisions.job;

import java.time.Instant;

/** What the readings say about a pickup, or about an emptying. */
public sealed interface PickupVerdict {

    /** The fill dropped after the truck arrived: the job may move to VERIFIED. */
    record Verified(Instant at, double fromPct, double toPct) implements PickupVerdict {
    }

    /**
     * The bin was too empty when the truck came to prove a drop (the level found at or below the emptying rule's
     * {@code minBeforePct}), and a reading after the arrival shows it empty ({@code toPct} below
     * {@code maxAfterPct}): a round's pickup of a bin "on the way". Consistent with a pickup, though not a proof of one.
     */
    record EmptiedLow(Instant at, double fromPct, double toPct) implements PickupVerdict {
    }

    /** No drop yet, and the window is still open until {@code deadline}. */
    record AwaitingDrop(Instant deadline) implements PickupVerdict {
    }

    /**
     * Collected, but no drop by {@code deadline}: flag the job for a person to look at.
     *
     * @param beforePct the level the truck found, or null when no reading came before the arrival
     */
    record FlaggedNoDrop(Instant deadline, Double beforePct) implements PickupVerdict {
    }

    /** A drop no job explains. */
    record UnplannedEmptying(String binId, Instant at, double fromPct, double toPct) implements PickupVerdict {
    }
}
