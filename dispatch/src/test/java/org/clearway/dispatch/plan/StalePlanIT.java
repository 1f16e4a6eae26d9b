package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.clearway.core.job.JobState;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchService;
import org.clearway.dispatch.leader.LeaderFence;
import org.clearway.dispatch.store.JobStore;
import org.clearway.dispatch.store.Json;
import org.clearway.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * A truck that accepts a job while a full plan is solved, a plan that gives that job to another truck: the plan is
 * stale for the truck. It keeps its route (no revision without the job it holds) and the plan moves none of its jobs
 * and gives it none; the next plan, which sees the job taken, places it first on the truck's route.
 */
class StalePlanIT {
    private static final String LOCK = "stale-plan-test";

    @Test
    void aPlanThatGivesAwayAJobTheTruckTookMeanwhileLeavesThatTrucksRouteAndJobsAsTheyAre() throws Exception {
        try (PlanHarness harness = new PlanHarness("dispatch_stale", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "1h"))) {
            harness.registerBin("r1", "residual", 31.2500, 121.4700);
            harness.registerBin("r2", "residual", 31.2400, 121.4800);
            DispatchService service = harness.startService();
            harness.awaitLeader();
            service.close();  // the fleet is stored; from here the test is the planner
            LocalDate day = LocalDate.ofInstant(PlanHarness.NOW, ZoneOffset.UTC);
            long taken = harness.createJob("r1", Duration.ofHours(20));
            long fresh = harness.createJob("r2", Duration.ofHours(20));
            JobStore jobs = new JobStore(harness.clock);
            RouteMessage messages = new RouteMessage(Json.mapper());
            PlanStore store = new PlanStore(messages);
            var db = TestInfrastructure.database();
            try (Connection leader = DriverManager.getConnection(harness.schema.jdbcUrl(), db.user(), db.password());
                 Connection c = harness.db().getConnection()) {
                try (Statement s = leader.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT pg_try_advisory_lock(hashtext('" + LOCK + "'), hashtext(current_schema()))")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
                leader.setAutoCommit(false);
                PlanWriter writer = new PlanWriter(LeaderFence.of(leader, LOCK), store, jobs, messages);
                c.setAutoCommit(false);
                // an earlier plan dispatched r1 to t-res
                jobs.transition(c, taken, JobState.PLANNED, PlanHarness.NOW, "planner", null);
                jobs.assignTruck(c, taken, "t-res");
                jobs.transition(c, taken, JobState.DISPATCHED, PlanHarness.NOW, "planner", null);
                c.commit();
                PlanSnapshot snapshot = store.snapshot(c, PlanHarness.NOW, day);
                c.rollback();
                Map<Long, PlanJob> considered = new java.util.HashMap<>();
                snapshot.jobs().forEach(j -> considered.put(j.id(), j));
                // while the plan is solved, t-res accepts r1
                jobs.transition(c, taken, JobState.ACCEPTED, PlanHarness.NOW.plusSeconds(1), "t-res", null);
                c.commit();

                // the plan: r2 on t-res, r1 on t-kit
                RouteDraft res = draft("t-res", considered.get(fresh));
                RouteDraft kit = draft("t-kit", considered.get(taken));
                PlanWriter.Result result = writer.commit(c, day, List.of(res, kit), considered,
                        PlanHarness.NOW.plusSeconds(2), "plan");

                assertThat(result.routes()).as("no revision for t-res without the job it holds").isEmpty();
                assertThat(harness.assignment(taken)).isEqualTo("accepted t-res");
                assertThat(harness.assignment(fresh)).as("a stale plan gives the truck nothing").isEqualTo("open -");

                // the next plan sees r1 taken (pinned, first) and gives r2 to t-res after it
                PlanSnapshot next = store.snapshot(c, PlanHarness.NOW.plusSeconds(3), day);
                c.rollback();
                Map<Long, PlanJob> seen = new java.util.HashMap<>();
                next.jobs().forEach(j -> seen.put(j.id(), j));
                PlanWriter.Result second = writer.commit(c, day, List.of(draft("t-res", seen.get(taken), seen.get(fresh))),
                        seen, PlanHarness.NOW.plusSeconds(4), "plan");
                assertThat(second.routes()).singleElement().satisfies(r -> assertThat(r.truckId()).isEqualTo("t-res"));
                assertThat(harness.assignment(fresh)).isEqualTo("dispatched t-res");
                assertThat(DispatchTestDb.column(harness.db(), "SELECT message::text FROM routes WHERE truck_id = 't-res'"))
                        .singleElement().satisfies(m -> assertThat(m).contains("\"jobId\": " + taken, "\"jobId\": " + fresh));
            }
        }
    }

    private static RouteDraft draft(String truck, PlanJob... jobs) {
        List<RouteDraft.DraftStop> stops = new java.util.ArrayList<>();
        for (PlanJob job : jobs) {
            stops.add(new RouteDraft.DraftStop(RouteDraft.Kind.BIN, job, null, job.lat(), job.lon(),
                    PlanHarness.NOW.plusSeconds(600), 0));
        }
        stops.add(new RouteDraft.DraftStop(RouteDraft.Kind.DEPOT, null, "depot-a", 31.27, 121.46,
                PlanHarness.NOW.plusSeconds(1200), 0));
        return new RouteDraft(truck, stops, 1000, 1200);
    }
}
