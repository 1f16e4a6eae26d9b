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

import org.clearway.dispatch.decide.PolicyConfig;
import org.clearway.dispatch.decide.job.Job;
import org.clearway.dispatch.decide.job.JobReason;
import org.clearway.dispatch.decide.job.JobState;
import org.clearway.dispatch.decide.job.PickupVerdict;
import org.clearway.dispatch.decide.job.PickupVerifier;
import org.clearway.dispatch.decide.signal.FillSample;
import org.clearway.dispatch.pipeline.DispatchMetrics;
import org.clearway.dispatch.store.JobStore;
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
 *   <li>{@code no_drop}: readings came within the verification window but none was a drop (or no reading showed the
 *       level before the arrival); {@code no_readings}: no reading came within the window at all. The job stays
 *       COLLECTED (the state machine's only move from there is VERIFIED) and is flagged in
 *       {@code jobs.verification} for a dispatcher to look at.</li>
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
    private static final int LEVEL_READINGS = 3;

    private final PickupVerifier verifier;
    private final Duration window;
    private final Duration arrivalSlack;
    private final JobStore jobs;
    private final ReadingStore readings;
    private final DispatchMetrics metrics;

    public PickupChecks(PickupVerifier verifier, PolicyConfig.Verification settings, JobStore jobs, ReadingStore readings,
                        DispatchMetrics metrics) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.window = settings.window();
        this.arrivalSlack = settings.arrivalSlack();
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.readings = Objects.requireNonNull(readings, "readings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The verification window: a drop may show until this long after collection. */
    public Duration window() {
        return window;
    }

    /**
     * New readings of a bin arrived: checks the bin's unchecked COLLECTED jobs.
     *
     * @param fresh the readings in hand (any order; they may repeat stored ones)
     * @param now   the time of the newest reading: a window that ended before it is closed
     */
    public void onReadings(Connection c, String binId, Collection<FillSample> fresh, Instant now) throws SQLException {
        for (Job job : jobs.uncheckedCollectedOfBin(c, binId)) {
            check(c, job, fresh, now);
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
        for (Job job : jobs.uncheckedCollectedBy(c, windowsEndedBy.minus(window), limit)) {
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
        Instant arrived = job.enteredAt(JobState.ARRIVED).orElse(collected);
        Instant from = arrived.minus(arrivalSlack);
        Instant deadline = collected.plus(window);
        Map<Instant, Double> merged = new TreeMap<>();
        for (FillSample s : readings.lastAtOrBefore(c, job.binId(), from, LEVEL_READINGS)) {
            merged.put(s.at(), s.pct());
        }
        for (FillSample s : readings.between(c, job.binId(), from, deadline)) {
            merged.put(s.at(), s.pct());
        }
        for (FillSample s : fresh) {
            merged.put(s.at(), s.pct());
        }
        List<FillSample> samples = new ArrayList<>(merged.size());
        merged.forEach((at, pct) -> samples.add(new FillSample(at, pct)));
        PickupVerdict verdict = verifier.check(job, samples, now);
        return switch (verdict) {
            case PickupVerdict.Verified v -> Optional.of(verify(c, id, v.at().isAfter(collected) ? v.at() : collected,
                    String.format(Locale.ROOT, "fill dropped from %.1f %% to %.1f %% at %s", v.fromPct(), v.toPct(), v.at())));
            case PickupVerdict.FlaggedNoDrop f -> Optional.of(flag(c, job, f, samples.stream()
                    .anyMatch(s -> s.at().isAfter(from) && !s.at().isAfter(deadline))));
            case PickupVerdict.AwaitingDrop a -> Optional.empty();
            case PickupVerdict.UnplannedEmptying u -> Optional.empty();
        };
    }

    private String verify(Connection c, long id, Instant at, String text) throws SQLException {
        jobs.transition(c, id, JobState.VERIFIED, at, ACTOR, text);
        jobs.recordVerification(c, id, VERIFIED);
        metrics.pickup(VERIFIED);
        LOG.info("Job {} verified: {}", id, text);
        return VERIFIED;
    }

    private String flag(Connection c, Job job, PickupVerdict.FlaggedNoDrop f, boolean readingsInWindow)
            throws SQLException {
        String code = readingsInWindow ? NO_DROP : NO_READINGS;
        jobs.recordVerification(c, Long.parseLong(job.id()), code);
        metrics.pickup(code);
        LOG.warn("Job {} of bin {} flagged {}: {} by {} (level before the arrival: {}); a dispatcher should look at it",
                job.id(), job.binId(), code, readingsInWindow ? "no drop of the fill" : "no reading of the bin",
                f.deadline(), f.beforePct() == null ? "unknown" : String.format(Locale.ROOT, "%.1f %%", f.beforePct()));
        return code;
    }
}
