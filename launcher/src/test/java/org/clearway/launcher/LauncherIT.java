package org.clearway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The all-in-one launcher against the test database and broker, on a city clock at 60 times real time: the
 * simulator's readings reach the store, and within a minute there are jobs, a route dispatch published and a truck
 * of the demonstration fleet driving it; a collection follows, then an unload at a facility and a truck back at its
 * depot (issue 11: before every revision was complete from where the truck is, no truck ever did either).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LauncherIT {
    /** "Within a minute" of start, with half a minute more for a CI machine shared by other jobs. */
    private static final long MINUTE_NANOS = 90_000_000_000L;

    @Test
    void runsIngestWithTheSimulatorFeedingIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (TestSchema schema = TestSchema.create("launcher")) {
            Map<String, String> env = new HashMap<>();
            env.put("CLEARWAY_DB_URL", schema.jdbcUrl());
            env.put("CLEARWAY_DB_USER", schema.endpoint().user());
            env.put("CLEARWAY_DB_PASSWORD", schema.endpoint().password() == null ? "" : schema.endpoint().password());
            env.put("CLEARWAY_MQTT_URL", TestInfrastructure.broker().serverUri());
            env.put("CLEARWAY_TOPIC_PREFIX", "launcher-" + tag + "/");
            env.put("CLEARWAY_INGEST_CLIENT_ID", "launcher-ingest-" + tag);
            env.put("CLEARWAY_INGEST_SHARE_GROUP", "launcher-" + tag);
            env.put("CLEARWAY_DISPATCH_CLIENT_ID", "launcher-dispatch-" + tag);
            env.put("CLEARWAY_DISPATCH_SHARE_GROUP", "launcher-dispatch-" + tag);
            env.put("CLEARWAY_DISPATCH_BREAK", "off");
            env.put("CLEARWAY_API_TOKENS", sha256("launcher-test-token") + "=viewer:*");
            ClearwayLauncher launcher = new ClearwayLauncher();
            new CommandLine(launcher).parseArgs("--bins", "40", "--speed", "60", "--rate", "500", "--http-port", "0",
                    "--api-port", "0", "--dispatch-port", "0", "--start", lateMorning().toString());
            long started = System.nanoTime();
            try (ClearwayLauncher.RunningSystem system = launcher.start(env)) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                long readings = 0;
                while (readings < 50 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    readings = count(schema, "SELECT count(*) FROM readings");
                }
                assertThat(readings).isGreaterThanOrEqualTo(50);
                assertThat(count(schema, "SELECT count(*) FROM bins")).isEqualTo(40);
                assertThat(count(schema, "SELECT count(*) FROM trucks")).as("the demonstration fleet").isPositive();
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + system.httpPort() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                HttpResponse<String> bins = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + system.apiPort() + "/bins?limit=5"))
                        .header("Authorization", "Bearer launcher-test-token").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(bins.statusCode()).isEqualTo(200);
                assertThat(bins.body()).contains("\"items\"");

                aLiveCityWithinAMinute(schema, system, started);
            }
        }
    }

    /**
     * Issue 11: a live city within a minute. The city's clock starts in a working day's late morning
     * ({@link #lateMorning}; the drivers' break is off, so that no first route begins with half an hour at the depot)
     * and runs 60 times real time for every service; the bins start at varied fills, some past their threshold, so
     * jobs, a first plan, a published route and trucks driving it come within a minute, and a collection within a few
     * more.
     */
    private static void aLiveCityWithinAMinute(TestSchema schema, ClearwayLauncher.RunningSystem system, long started)
            throws Exception {
        assertThat(system.clock().speed()).isEqualTo(60);
        long minute = started + MINUTE_NANOS;
        awaitCount(schema, "jobs", "SELECT count(*) FROM jobs", minute);
        awaitCount(schema, "a published route", "SELECT count(*) FROM routes", minute);
        awaitCount(schema, "a truck seen at two places", "SELECT coalesce(max(n), 0) - 1 FROM (SELECT count(DISTINCT "
                + "(lat, lon)) AS n FROM truck_positions GROUP BY truck_id) p", minute);
        long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("Live city: %d jobs, %d routes, %d truck positions %d s after start%n",
                count(schema, "SELECT count(*) FROM jobs"), count(schema, "SELECT count(*) FROM routes"),
                count(schema, "SELECT count(*) FROM truck_positions"), elapsed);
        awaitCount(schema, "a collection", "SELECT count(*) FROM collections", System.nanoTime() + 180_000_000_000L);
        // an unload: a truck that collected reports an empty body (loadPct 0) at a facility after its collection
        awaitCount(schema, "an unload", "SELECT count(*) FROM truck_positions p JOIN facilities f ON f.kind <> 'depot' "
                + "AND abs(f.lat - p.lat) < 0.0005 AND abs(f.lon - p.lon) < 0.0005 WHERE p.load_pct = 0 AND EXISTS ("
                + "SELECT 1 FROM collections c JOIN jobs j ON j.id = c.job_id WHERE j.truck_id = p.truck_id "
                + "AND c.collected_at < p.ts)", System.nanoTime() + 240_000_000_000L);
        // a truck back at its depot after having been away from it
        awaitCount(schema, "a truck back at its depot", "SELECT count(*) FROM truck_positions p JOIN trucks t ON "
                + "t.id = p.truck_id JOIN facilities d ON d.id = t.depot_id WHERE abs(d.lat - p.lat) < 0.0005 "
                + "AND abs(d.lon - p.lon) < 0.0005 AND EXISTS (SELECT 1 FROM truck_positions q WHERE "
                + "q.truck_id = p.truck_id AND q.ts < p.ts AND (abs(d.lat - q.lat) > 0.005 OR abs(d.lon - q.lon) > 0.005))",
                System.nanoTime() + 240_000_000_000L);
        System.out.printf("Live city: an unload and a truck back at its depot %d s after start%n",
                (System.nanoTime() - started) / 1_000_000_000L);
        java.time.Instant cityNow = system.clock().instant();
        java.time.Instant newest = instant(schema, "SELECT max(measured_at) FROM readings");
        assertThat(java.time.Duration.between(newest, cityNow)).as("readings are live on the city's clock")
                .isLessThan(java.time.Duration.ofHours(1));
        assertThat(count(schema, "SELECT count(*) FROM job_events WHERE at > now() + interval '5 minutes'"))
                .as("times are the city's clock, ahead of the wall clock").isPositive();
        assertThat(system.truckStats().orElseThrow().rejected()).isZero();
    }

    /**
     * The next 10:30 UTC from Monday to Saturday, whatever the hour the test runs: the demonstration fleet's day trucks
     * (demo-fleet.json) have three to five city hours of shift left, work to do, and shifts that end (13:30, 14:00,
     * 15:00, 16:00) within the city hours the test waits, so they come home. At the launcher's automatic "now" the test
     * depended on the hour it ran: at 15:30 only the late truck (14:00-22:00) was on shift, took every job with a new
     * revision each plan and was not home within the test's wait; at 06:00 eight city hours of shift lie ahead; at
     * 12:05 the day trucks had too little shift left to take a route with its unload, and the late one took them all.
     */
    private static java.time.Instant lateMorning() {
        java.time.ZonedDateTime at = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusDays(1)
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS).withHour(10).withMinute(30);
        return (at.getDayOfWeek() == java.time.DayOfWeek.SUNDAY ? at.plusDays(1) : at).toInstant();
    }

    /** Waits until {@code sql} counts at least 1, until {@code deadline} ({@link System#nanoTime}). */
    private static void awaitCount(TestSchema schema, String what, String sql, long deadline) throws Exception {
        while (count(schema, sql) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(count(schema, sql)).as(what).isPositive();
    }

    private static java.time.Instant instant(TestSchema schema, String sql) throws Exception {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static long count(TestSchema schema, String sql) throws Exception {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
