package org.clearway.dispatch.plan;

import org.clearway.dispatch.leader.LeaderFence;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.clearway.core.job.JobState;
import org.clearway.dispatch.store.JobStore;

/**
 * Stores a plan in one transaction, fenced by {@link LeaderFence}: the jobs' moves (actor {@code planner}, with
 * their {@code job_events}) and one {@code routes} row per truck whose stops changed.
 *
 * <ul>
 *   <li>A job placed on a truck: open → planned → dispatched, its truck set; from another truck: first back to
 *       open (unassigned).</li>
 *   <li>A planned or dispatched job the plan leaves out (dropped, or the truck is gone): back to open, unassigned.</li>
 *   <li>Accepted and arrived jobs are never moved by the planner; an open job a dispatcher gave to a truck is
 *       dispatched to that truck (its draft lists it first).</li>
 *   <li>A job whose state or truck changed since the plan's snapshot (a truck declined it, accepted it...) is not
 *       moved; each route keeps only the bin stops whose job is then the truck's (dispatched, accepted or arrived),
 *       so a route never lists a job that is not its truck's.</li>
 *   <li>A truck held back until its shift ({@code held}) gets its jobs as planned and no route.</li>
 *   <li>A truck that took (accepted) a job while the plan was solved, which the plan gives to another truck, keeps
 *       its route and its jobs as they are: the plan is stale for it ({@link #stale}); the next plan places it.</li>
 *   <li>A truck gets a new revision (its previous maximum + 1) only when its list of stops differs from its newest
 *       route of the shift day; a truck with no route that day and no stops gets none.</li>
 * </ul>
 */
public final class PlanWriter {

    static final String ACTOR = "planner";
    private static final Set<JobState> ON_TRUCK = EnumSet.of(JobState.DISPATCHED, JobState.ACCEPTED, JobState.ARRIVED);

    private final LeaderFence fence;
    private final PlanStore store;
    private final JobStore jobs;
    private final RouteMessage messages;

    public PlanWriter(LeaderFence fence, PlanStore store, JobStore jobs, RouteMessage messages) {
        this.fence = Objects.requireNonNull(fence, "fence");
        this.store = Objects.requireNonNull(store, "store");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /**
     * What was stored.
     *
     * @param routes      the new route rows, to publish after the commit
     * @param assignments every considered job's state and truck after the commit
     * @param dispatched  jobs moved onto a truck
     * @param reopened    jobs moved back to open and left there
     */
    public record Result(List<PlanStore.RouteRow> routes, Map<Long, PlanStore.Assignment> assignments, int dispatched,
                         int reopened) {
    }

    /**
     * @param drafts     the routes of the plan, one per truck to (re)consider
     * @param considered the jobs as the plan saw them, by id: those on the drafts and, for a full plan, every
     *                   planned or dispatched job (one the drafts leave out goes back to open)
     * @param cause      {@code routes.cause}: plan or urgent
     */
    public Result commit(Connection c, LocalDate shiftDate, Collection<RouteDraft> drafts, Map<Long, PlanJob> considered,
                         Instant now, String cause) throws SQLException {
        return commit(c, shiftDate, drafts, considered, now, cause, Set.of());
    }

    /**
     * As {@link #commit(Connection, LocalDate, Collection, Map, Instant, String)}, holding back the trucks in
     * {@code held} ({@link DispatchHold}): a job the plan puts on one of them is {@code planned} on it, not dispatched,
     * and it gets no route.
     */
    public Result commit(Connection c, LocalDate shiftDate, Collection<RouteDraft> drafts, Map<Long, PlanJob> considered,
                         Instant now, String cause, Set<String> held) throws SQLException {
        fence.enter(c);
        Map<Long, PlanStore.Assignment> current = new HashMap<>(store.lockJobs(c, considered.keySet()));
        Map<Long, String> target = new HashMap<>();
        for (RouteDraft draft : drafts) {
            for (Long id : draft.jobIds()) {
                target.put(id, draft.truckId());
            }
        }
        Set<String> stale = stale(drafts, current);
        int dispatched = 0;
        int reopened = 0;
        for (PlanJob job : considered.values()) {
            PlanStore.Assignment row = current.get(job.id());
            if (row == null || row.state() != job.state() || !Objects.equals(row.truckId(), job.truckId())
                    || job.takenByTruck()) {
                continue;
            }
            String truck = target.get(job.id());
            if (stale.contains(truck) || stale.contains(row.truckId())) {
                continue;
            }
            Instant at = now.isBefore(job.lastEventAt()) ? job.lastEventAt() : now;
            JobState state = row.state();
            boolean onOtherTruck = (state == JobState.PLANNED || state == JobState.DISPATCHED)
                    && !Objects.equals(row.truckId(), truck);
            if (onOtherTruck) {
                jobs.transition(c, job.id(), JobState.OPEN, at, ACTOR, truck == null
                        ? "left out of the plan of truck " + row.truckId()
                        : "moved from truck " + row.truckId() + " to truck " + truck);
                jobs.assignTruck(c, job.id(), null);
                state = JobState.OPEN;
                if (truck == null) {
                    reopened++;
                }
            }
            if (truck != null && state == JobState.OPEN) {
                jobs.transition(c, job.id(), JobState.PLANNED, at, ACTOR, null);
                jobs.assignTruck(c, job.id(), truck);
                state = JobState.PLANNED;
            }
            if (truck != null && state == JobState.PLANNED && !held.contains(truck)) {
                jobs.transition(c, job.id(), JobState.DISPATCHED, at, ACTOR, null);
                state = JobState.DISPATCHED;
                dispatched++;
            }
            current.put(job.id(), new PlanStore.Assignment(state, truck != null ? truck : onOtherTruck ? null : row.truckId()));
        }
        Map<String, PlanSnapshot.PublishedRoute> latest = store.latestRoutes(c, shiftDate);
        List<PlanStore.RouteRow> stored = new ArrayList<>();
        for (RouteDraft draft : drafts) {
            if (held.contains(draft.truckId()) || stale.contains(draft.truckId())) {
                continue;
            }
            RouteDraft kept = draft.keeping(id -> {
                PlanStore.Assignment a = current.get(id);
                return a != null && draft.truckId().equals(a.truckId()) && ON_TRUCK.contains(a.state());
            });
            PlanSnapshot.PublishedRoute previous = latest.get(draft.truckId());
            if (previous == null ? kept.stops().isEmpty() : previous.stopKeys().equals(kept.stopKeys())) {
                continue;
            }
            int revision = store.nextRevision(c, draft.truckId());
            String message = messages.write(kept, shiftDate, revision, now);
            stored.add(store.insertRoute(c, kept, shiftDate, revision, now, cause, message));
        }
        c.commit();
        return new Result(stored, current, dispatched, reopened);
    }

    /**
     * The trucks whose draft leaves out a job the truck has taken (accepted or arrived) by now: it took the job while
     * the plan was solved, and the plan gave it to another truck. Such a draft is stale; published, it would drop the
     * job from the route the truck follows and lose its place in it.
     */
    private static Set<String> stale(Collection<RouteDraft> drafts, Map<Long, PlanStore.Assignment> current) {
        Map<String, Set<Long>> onDraft = new HashMap<>();
        drafts.forEach(d -> onDraft.put(d.truckId(), Set.copyOf(d.jobIds())));
        Set<String> stale = new java.util.HashSet<>();
        current.forEach((id, a) -> {
            boolean taken = a.state() == JobState.ACCEPTED || a.state() == JobState.ARRIVED;
            if (taken && onDraft.containsKey(a.truckId()) && !onDraft.get(a.truckId()).contains(id)) {
                stale.add(a.truckId());
            }
        });
        return stale;
    }
}
