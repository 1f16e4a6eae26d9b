package org.clearway.dispatch.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.clearway.decisions.PolicyConfig;
import org.clearway.core.job.Job;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.decisions.job.PickupVerdict;
import org.clearway.decisions.job.PickupVerifier;
import org.clearway.decisions.signal.FillSample;
import org.clearway.dispatch.metrics.DispatchMetrics;
import org.clearway.dispatch.store.JobStore;
import org.clearway.dispatch.store.PickupRecords;
import org.clearway.dispatch.store.ReadingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks COLLECTED jobs against their bin's readings ({@link PickupVerifier}) and records the verdict, on the
 * caller's transaction:
 *
 * <ul>
 *   <li>{@code verified}: the fill dropped after the truck's arrival. The job moves to VERIFIED (actor
 *       {@code verifier}, dated at the dropping reading or at the collection if that is later, the drop in words as
 *       the event's reason) and {@code jobs.verification = 'verified'}.</li>
 *   <li>{@code emptied_low}: the bin was too empty when the truck came to prove a drop (found at or below the
 *       emptying rule's {@code minBeforePct}, 40 %: a round's pickup "on the way"), and a reading after the arrival
 *       shows it empty (below {@code maxAfterPct}, 15 %). The job moves to VERIFIED (actor {@code verifier}, the
 *       event's reason "too empty before to prove a drop; empty after …") with {@code jobs.verification =
 *       'emptied_low'}, so the weaker evidence stays visible. Not COLLECTED: that state is not final and would keep
 *       the bin's "one open job per bin and reason" slot, so the next round could not ask for the bin again.</li>
 *   <li>{@code no_drop}: readings came within the verification window but none was a drop (or no reading showed the
 *       level before the arrival). The job is flagged in {@code jobs.verification}; {@link FailedPickups} (the
 *       leader's sweep, within a minute) closes it as FAILED and re-arms the bin's rules.</li>
 *   <li>{@code no_readings}: no reading came within the window at all. The job stays COLLECTED, flagged, until the
 *       bin's first reading after the window gives a late verdict ({@link PickupVerifier#late}): {@code verified}
 *       when that reading shows the bin was emptied, else {@code no_drop}.</li>
 * </ul>
 *
 * A maintenance job empties nothing: it is VERIFIED at its first check without a fill check. The readings are the
 * stored ones ({@code readings}, from ingest) plus those the caller hands in (the message in hand, and the decision
 * state's last raw readings), since ingest may not have stored them yet.
 */
public final class PickupChecks {
    private static final Logger LOG = LoggerFactory.getLogger(PickupChecks.class);
    /** The actor of the VERIFIED event. */
    public static final String ACTOR = "verifier";
    public static final String VERIFIED = "verified";
    public static final String NO_DROP = "no_drop";
    public static final String NO_READINGS = "no_readings";
    public static final String EMPTIED_LOW = "emptied_low";
    private static final int LEVEL_READINGS = 3;

    private final PickupVerifier verifier;
    private final Duration window;
    private final Duration arrivalSlack;
    private final JobStore jobs;
    private final PickupRecords pickups;
    private final ReadingStore readings;
    private final DispatchMetrics metrics;

    public PickupChecks(PolicyConfig policy, JobStore jobs, ReadingStore readings, DispatchMetrics metrics) {
        this.verifier = policy.pickupVerifier();
        this.window = policy.verification().window();
        this.arrivalSlack = policy.verification().arrivalSlack();
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.pickups = new PickupRecords(jobs);
        this.readings = Objects.requireNonNull(readings, "readings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The verification window: a drop may show until this long after collection. */
    public Duration window() {
        return window;
    }

    /**
     * New readings of a bin arrived: checks the bin's unchecked COLLECTED jobs, and gives the late verdict on those
     * flagged {@code no_readings}.
     *
     * @param fresh the readings in hand (any order; they may repeat stored ones)
     * @param now   the time of the newest reading: a window that ended before it is closed
     */
    public void onReadings(Connection c, String binId, Collection<FillSample> fresh, Instant now) throws SQLException {
        for (Job job : pickups.uncheckedCollectedOfBin(c, binId)) {
            check(c, job, fresh, now);
        }
        for (Job job : pickups.collectedWithVerdictOfBin(c, binId, NO_READINGS)) {
            late(c, job, samples(c, job, fresh, now));
        }
    }

    /**
     * Closes the unchecked COLLECTED jobs whose window ended at or before {@code windowsEndedBy}, from the stored
     * readings.
     *
     * @return how many jobs got a verdict
     */
    public int sweep(Connection c, Instant windowsEndedBy, int limit) throws SQLException {
        int closed = 0;
        for (Job job : pickups.uncheckedCollectedBy(c, windowsEndedBy.minus(window), limit)) {
            if (check(c, job, List.of(), windowsEndedBy).isPresent()) {
                closed++;
            }
        }
        return closed;
    }

    /** Checks one COLLECTED job; returns its verdict code, empty while it awaits a drop. */
    Optional<String> check(Connection c, Job job, Collection<FillSample> fresh, Instant now) throws SQLException {
        long id = Long.parseLong(job.id());
        Instant collected = job.enteredAt(JobState.COLLECTED).orElseThrow();
        if (job.reason() == JobReason.MAINTENANCE) {
            return Optional.of(verify(c, id, collected, "maintenance visit: no emptying to check"));
        }
        Instant from = job.enteredAt(JobState.ARRIVED).orElse(collected).minus(arrivalSlack);
        Instant deadline = collected.plus(window);
        List<FillSample> samples = samples(c, job, fresh, now);
        PickupVerdict verdict = verifier.check(job, samples, now);
        return switch (verdict) {
            case PickupVerdict.Verified v -> Optional.of(verified(c, id, collected, v, ""));
            case PickupVerdict.EmptiedLow e -> Optional.of(emptiedLow(c, id, collected, e, ""));
            case PickupVerdict.FlaggedNoDrop f -> {
                if (samples.stream().anyMatch(s -> s.at().isAfter(from) && !s.at().isAfter(deadline))) {
                    yield Optional.of(flag(c, job, f, NO_DROP));
                }
                Optional<String> late = late(c, job, samples);
                yield late.isPresent() ? late : Optional.of(flag(c, job, f, NO_READINGS));
            }
            case PickupVerdict.AwaitingDrop a -> Optional.empty();
            case PickupVerdict.UnplannedEmptying u -> Optional.empty();
        };
    }

    /** The late verdict on a job whose window passed with no reading; empty while no reading came after it. */
    private Optional<String> late(Connection c, Job job, List<FillSample> samples) throws SQLException {
        Optional<PickupVerdict> verdict = verifier.late(job, samples);
        if (verdict.isEmpty()) {
            return Optional.empty();
        }
        long id = Long.parseLong(job.id());
        Instant collected = job.enteredAt(JobState.COLLECTED).orElseThrow();
        return Optional.of(switch (verdict.get()) {
            case PickupVerdict.Verified v -> verified(c, id, collected, v, " (late: no reading within the window)");
            case PickupVerdict.EmptiedLow e -> emptiedLow(c, id, collected, e, " (late: no reading within the window)");
            case PickupVerdict.FlaggedNoDrop f -> flag(c, job, f, NO_DROP);
            default -> throw new IllegalStateException("unexpected late verdict " + verdict.get());
        });
    }

    /** The stored readings around the visit (and after it, up to {@code now}) merged with those in hand, oldest first. */
    private List<FillSample> samples(Connection c, Job job, Collection<FillSample> fresh, Instant now)
            throws SQLException {
        Instant collected = job.enteredAt(JobState.COLLECTED).orElseThrow();
        Instant from = job.enteredAt(JobState.ARRIVED).orElse(collected).minus(arrivalSlack);
        Instant deadline = collected.plus(window);
        Map<Instant, Double> merged = new TreeMap<>();
        for (FillSample s : readings.lastAtOrBefore(c, job.binId(), from, LEVEL_READINGS)) {
            merged.put(s.at(), s.pct());
        }
        for (FillSample s : readings.between(c, job.binId(), from, now.isAfter(deadline) ? now : deadline)) {
            merged.put(s.at(), s.pct());
        }
        for (FillSample s : fresh) {
            merged.put(s.at(), s.pct());
        }
        List<FillSample> samples = new ArrayList<>(merged.size());
        merged.forEach((at, pct) -> samples.add(new FillSample(at, pct)));
        return samples;
    }

    private String verified(Connection c, long id, Instant collected, PickupVerdict.Verified v, String note)
            throws SQLException {
        return verify(c, id, v.at().isAfter(collected) ? v.at() : collected, String.format(Locale.ROOT,
                "fill dropped from %.1f %% to %.1f %% at %s%s", v.fromPct(), v.toPct(), v.at(), note));
    }

    private String emptiedLow(Connection c, long id, Instant collected, PickupVerdict.EmptiedLow e, String note)
            throws SQLException {
        return verify(c, id, e.at().isAfter(collected) ? e.at() : collected, String.format(Locale.ROOT,
                "too empty before to prove a drop; empty after: %.1f %% before the visit, %.1f %% at %s%s",
                e.fromPct(), e.toPct(), e.at(), note), EMPTIED_LOW);
    }

    private String verify(Connection c, long id, Instant at, String text) throws SQLException {
        return verify(c, id, at, text, VERIFIED);
    }

    private String verify(Connection c, long id, Instant at, String text, String code) throws SQLException {
        jobs.transition(c, id, JobState.VERIFIED, at, ACTOR, text);
        pickups.recordVerification(c, id, code);
        metrics.pickup(code);
        LOG.info("Job {} verified ({}): {}", id, code, text);
        return code;
    }

    private String flag(Connection c, Job job, PickupVerdict.FlaggedNoDrop f, String code) throws SQLException {
        pickups.recordVerification(c, Long.parseLong(job.id()), code);
        metrics.pickup(code);
        LOG.warn("Job {} of bin {} flagged {}: {} by {} (level before the arrival: {}); {}", job.id(), job.binId(), code,
                code.equals(NO_DROP) ? "no drop of the fill" : "no reading of the bin", f.deadline(),
                f.beforePct() == null ? "unknown" : String.format(Locale.ROOT, "%.1f %%", f.beforePct()),
                code.equals(NO_DROP) ? "it is closed as failed and the bin asked for again"
                        : "the bin's next reading gives a late verdict");
        return code;
    }
}
