package org.clearway.decisions.job;

import org.clearway.core.job.JobState;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.clearway.decisions.signal.EmptyingDetector;
import org.clearway.decisions.signal.EmptyingDetector.Emptying;
import org.clearway.decisions.signal.FillSample;

/**
 * Checks pickups against the bin's readings, with the emptying rule of {@link EmptyingDetector}.
 *
 * <p>For a COLLECTED job, with {@code A} its arrival time, {@code C} its collection time: the level the truck found
 * is the median of the last (up to three) readings at or before {@code A - arrivalSlack}; the pickup is VERIFIED at
 * the first reading in {@code (A - arrivalSlack, C + window]} that, against that level, is a drop. With no such
 * reading it is AWAITING until {@code C + window}, then FLAGGED_NO_DROP. One low reading after an arrival suffices:
 * the truck's presence is the confirmation a spike lacks.
 *
 * <p>A bin found at or below the rule's {@code minBeforePct} (a round's pickup "on the way") can show no drop. It is
 * EMPTIED_LOW at the first reading in the same interval below {@code maxAfterPct} (empty after the visit); a bin found
 * low that reads no lower than that within the window is FLAGGED_NO_DROP like any other.
 *
 * <p>A pickup whose window passed with no reading at all gets a late verdict from the first reading after the window
 * ({@link #late}): VERIFIED when it shows the bin was emptied (a late drop, {@link EmptyingDetector#isLateDrop}),
 * EMPTIED_LOW when the bin was found low and that reading is below {@code maxAfterPct}, else FLAGGED_NO_DROP.
 *
 * <p>An emptying (from the decision engine) is UNPLANNED when no job of the bin that is not a maintenance job and
 * is ARRIVED, COLLECTED or VERIFIED has {@code A - arrivalSlack <= at <= (C, or A if not collected yet) + window}.
 */
public final class PickupVerifier {

    private static final int LEVEL_READINGS = 3;
    /** A job that ended skipped, failed or cancelled explains no emptying. */
    private static final Set<JobState> EXPLAINING = EnumSet.of(JobState.ARRIVED, JobState.COLLECTED, JobState.VERIFIED);

    private final EmptyingDetector rule;
    private final Duration window;
    private final Duration arrivalSlack;

    /**
     * @param rule         what counts as a drop
     * @param window       how long after collection a drop may still show (default 2 h)
     * @param arrivalSlack how much earlier than the recorded arrival the truck may really have been (default 15 min)
     */
    public PickupVerifier(EmptyingDetector rule, Duration window, Duration arrivalSlack) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.window = Objects.requireNonNull(window, "window");
        this.arrivalSlack = Objects.requireNonNull(arrivalSlack, "arrivalSlack");
    }

    /**
     * @param job      a COLLECTED job
     * @param readings the bin's raw readings around the visit, oldest first
     * @param now      the time of the check
     */
    public PickupVerdict check(Job job, List<FillSample> readings, Instant now) {
        if (job.state() != JobState.COLLECTED) {
            throw new IllegalArgumentException("job " + job.id() + " is " + job.state() + "; only a COLLECTED job is verified");
        }
        Instant from = job.enteredAt(JobState.ARRIVED).orElseThrow().minus(arrivalSlack);
        Instant deadline = job.enteredAt(JobState.COLLECTED).orElseThrow().plus(window);
        List<Double> before = new ArrayList<>();
        for (FillSample reading : readings) {
            if (!reading.at().isAfter(from)) {
                before.add(reading.pct());
            }
        }
        Double found = levelOf(before);
        if (found != null) {
            for (FillSample reading : readings) {
                boolean inWindow = reading.at().isAfter(from) && !reading.at().isAfter(deadline);
                if (inWindow && rule.isDrop(found, reading.pct())) {
                    return new PickupVerdict.Verified(reading.at(), found, reading.pct());
                }
                if (inWindow && emptiedLow(found, reading.pct())) {
                    return new PickupVerdict.EmptiedLow(reading.at(), found, reading.pct());
                }
            }
        }
        return now.isBefore(deadline) ? new PickupVerdict.AwaitingDrop(deadline) : new PickupVerdict.FlaggedNoDrop(deadline, found);
    }

    /**
     * The late verdict on a COLLECTED job whose window passed without a reading: the first reading after the window
     * decides. VERIFIED (dated at that reading) when it is a late drop from the level the truck found; FLAGGED_NO_DROP
     * when it is not, or when no reading showed that level; empty while no reading came after the window.
     *
     * @param readings the bin's raw readings around the visit and after the window, oldest first
     */
    public Optional<PickupVerdict> late(Job job, List<FillSample> readings) {
        Instant from = job.enteredAt(JobState.ARRIVED).orElseThrow().minus(arrivalSlack);
        Instant deadline = job.enteredAt(JobState.COLLECTED).orElseThrow().plus(window);
        List<Double> before = new ArrayList<>();
        FillSample first = null;
        for (FillSample reading : readings) {
            if (!reading.at().isAfter(from)) {
                before.add(reading.pct());
            } else if (reading.at().isAfter(deadline) && first == null) {
                first = reading;
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        Double found = levelOf(before);
        if (found != null && rule.isLateDrop(found, first.pct())) {
            return Optional.of(new PickupVerdict.Verified(first.at(), found, first.pct()));
        }
        if (found != null && emptiedLow(found, first.pct())) {
            return Optional.of(new PickupVerdict.EmptiedLow(first.at(), found, first.pct()));
        }
        return Optional.of(new PickupVerdict.FlaggedNoDrop(deadline, found));
    }

    /** The emptying as UNPLANNED when none of the bin's jobs explains it. */
    public Optional<PickupVerdict.UnplannedEmptying> unplanned(String binId, Emptying emptying, List<Job> jobsOfBin) {
        for (Job job : jobsOfBin) {
            if (job.reason() != JobReason.MAINTENANCE && EXPLAINING.contains(job.state()) && explains(job, emptying.at())) {
                return Optional.empty();
            }
        }
        return Optional.of(new PickupVerdict.UnplannedEmptying(binId, emptying.at(), emptying.fromPct(), emptying.toPct()));
    }

    private boolean explains(Job job, Instant at) {
        Optional<Instant> arrived = job.enteredAt(JobState.ARRIVED);
        if (arrived.isEmpty()) {
            return false;
        }
        Instant end = job.enteredAt(JobState.COLLECTED).orElse(arrived.get()).plus(window);
        return !at.isBefore(arrived.get().minus(arrivalSlack)) && !at.isAfter(end);
    }

    /** Found too low to prove a drop ({@code <= minBeforePct}), and empty after ({@code < maxAfterPct}). */
    private boolean emptiedLow(double foundPct, double afterPct) {
        return foundPct <= rule.minBeforePct() && afterPct < rule.maxAfterPct();
    }

    /** Median of the last three levels (the lower middle of two), or null when there is none. */
    private static Double levelOf(List<Double> levels) {
        if (levels.isEmpty()) {
            return null;
        }
        List<Double> last = new ArrayList<>(levels.subList(Math.max(0, levels.size() - LEVEL_READINGS), levels.size()));
        last.sort(null);
        return last.get((last.size() - 1) / 2);
    }
}
