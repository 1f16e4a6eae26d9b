package org.clearway.lab.faults;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.core.time.DbClock;

/**
 * Fault 9, a misbehaving sensor: {@code bins} ordinary sensors publish at a steady rate with their real clock for
 * a quiet phase, then one more sensor floods as fast as the broker takes it for a phase as long. Measures the
 * ordinary sensors' lag (their {@code ts} to ingest's receipt, p50 and p99 of each phase) and the flood's books:
 * published = stored + parked ({@code rate_limited}, kept whole beyond the ceiling). Promises that no ordinary reading
 * is lost.
 */
final class SensorFaults {
    private static final int BINS = 200;
    private static final String LAG = """
            SELECT count(*), coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - measured_at)), 0),
                   coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - measured_at)), 0)
              FROM readings WHERE bin_id <> ? AND measured_at >= ? AND measured_at < ?""";

    private SensorFaults() {
    }

    static Figures flood(FaultSetup setup, int rate, int flooderRate, Duration phase) throws Exception {
        FaultRun run = new FaultRun("9 a sensor floods");
        String flooderBin = FaultDatabase.binId(BINS);
        try (FaultDatabase db = FaultDatabase.create(setup, run.schema(), BINS + 1);
             IngestNode node = new IngestNode(db.schemaUrl(), setup.dbUser(), setup.dbPassword(), setup.mqttUrl(),
                     run.prefix(), "faults-ingest-" + run.tag, "faults-" + run.tag, Map.of()).start();
             PahoMqttSession sensors = session(setup, "faults-sensors-" + run.tag);
             PahoMqttSession flooder = session(setup, "faults-flooder-" + run.tag)) {
            Instant quietFrom = DbClock.wall().instant();
            run.progress("quiet phase: %d sensors at %,d readings/s for %d s", BINS, rate, phase.toSeconds());
            long normal = publishSteadily(sensors, run.prefix(), rate, phase);
            Instant floodFrom = DbClock.wall().instant();
            run.progress("flood phase: one more sensor floods at %s while the %d go on",
                    flooderRate > 0 ? String.format("%,d messages/s", flooderRate) : "full speed", BINS);
            AtomicBoolean flooding = new AtomicBoolean(true);
            long[] flooded = new long[1];
            Thread flood = Thread.ofPlatform().name("fault-flooder").start(() ->
                    flooded[0] = flood(flooder, run.prefix() + "bins/" + flooderBin + "/telemetry", flooderRate, flooding));
            normal += publishSteadily(sensors, run.prefix(), rate, phase);
            flooding.set(false);
            flood.join();
            Instant end = DbClock.wall().instant();
            long published = normal + flooded[0];
            FaultRun.await("every message through ingest", Duration.ofSeconds(180),
                    () -> node.stored() + node.duplicates() + node.rejected("rate_limited") >= published);
            long parked = Math.round(node.rejected("rate_limited"));
            double[] quiet = lag(db, flooderBin, quietFrom, floodFrom);
            double[] loud = lag(db, flooderBin, floodFrom, end);
            long floodStored = count(db, "SELECT count(*) FROM readings WHERE bin_id = ?", flooderBin);
            long normalStored = count(db, "SELECT count(*) FROM readings WHERE bin_id <> ?", flooderBin);
            long alarms = count(db, "SELECT count(*) FROM alarms WHERE bin_id = ? AND kind = 'flooding'", flooderBin);
            run.progress("flood: %,d published, %,d stored, %,d parked (rate_limited); flooding alarm %s", flooded[0],
                    floodStored, parked, alarms > 0 ? "raised" : "not raised");
            String measurement = String.format(Locale.ROOT,
                    "others' lag p50/p99 %.0f/%.0f ms quiet, %.0f/%.0f ms in the flood (p99 x%.1f); flood %,d sent, "
                            + "%,d stored, %,d parked; alarm %s", quiet[1] * 1000, quiet[2] * 1000, loud[1] * 1000,
                    loud[2] * 1000, quiet[2] > 0 ? loud[2] / quiet[2] : 0, flooded[0], floodStored, parked,
                    alarms > 0 ? "raised" : "MISSING");
            long rows = normalStored + floodStored;
            long twice = rows - count(db, "SELECT count(DISTINCT (bin_id, measured_at)) FROM readings WHERE bin_id <> ?",
                    flooderBin) - floodStored;
            return new Figures(run.name(), published, published, rows, Math.round(node.duplicates()), parked,
                    normal - normalStored, twice, Duration.ofMillis((long) (run.elapsedSeconds() * 1000)), measurement,
                    true, Map.of("lagP99QuietMs", quiet[2] * 1000, "lagP99FloodMs", loud[2] * 1000,
                            "parked", (double) parked, "normalLost", (double) (normal - normalStored),
                            "alarms", (double) alarms));
        }
    }

    private static PahoMqttSession session(FaultSetup setup, String clientId) throws InterruptedException {
        PahoMqttSession s = new PahoMqttSession(MqttClientSettings.publisher(new MqttConfig(setup.mqttUrl(), "", "", ""),
                clientId, 5_000));
        s.start();
        FaultRun.await(clientId + " to connect", Duration.ofSeconds(30), s::isConnected);
        return s;
    }

    /** Readings of the ordinary bins, round robin, ts = now, at {@code rate} per second; waits for the PUBACKs. */
    private static long publishSteadily(PahoMqttSession session, String prefix, int rate, Duration phase) {
        long start = System.nanoTime();
        long n = 0;
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        while (System.nanoTime() - start < phase.toNanos()) {
            long due = start + (long) (n * (1e9 / rate));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String json = "{\"ts\":\"" + DbClock.wall().instant() + "\",\"fill\":" + (n % 100) + "}";
            acks.add(session.publish(prefix + "bins/" + FaultDatabase.binId((int) (n % BINS)) + "/telemetry",
                    json.getBytes(StandardCharsets.UTF_8), 1, false));
            n++;
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        return n;
    }

    /** One bin's readings at {@code rate} per second (0: as fast as the broker acknowledges), each with its own ts. */
    private static long flood(PahoMqttSession session, String topic, int rate, AtomicBoolean going) {
        Instant base = DbClock.wall().instant().minusSeconds(3_600);
        long start = System.nanoTime();
        long n = 0;
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        while (going.get()) {
            if (rate > 0) {
                long wait = start + (long) (n * (1e9 / rate)) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            String json = "{\"ts\":\"" + base.plusMillis(n) + "\",\"fill\":" + (n % 100) + "}";
            acks.add(session.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false));
            n++;
            if (acks.size() >= 1_000) {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
                acks.clear();
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        return n;
    }

    private static double[] lag(FaultDatabase db, String flooderBin, Instant from, Instant to) throws SQLException {
        try (Connection c = db.pool().getConnection(); PreparedStatement ps = c.prepareStatement(LAG)) {
            ps.setString(1, flooderBin);
            ps.setObject(2, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            ps.setObject(3, java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new double[] {rs.getLong(1), rs.getDouble(2), rs.getDouble(3)};
            }
        }
    }

    private static long count(FaultDatabase db, String sql, String bin) throws SQLException {
        try (Connection c = db.pool().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, bin);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
