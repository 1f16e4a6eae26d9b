package org.clearway.lab.dispatch;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;

import io.vertx.core.Vertx;

import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.db.Databases;
import org.clearway.core.db.Migrations;
import org.clearway.core.db.PartitionMaintenance;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.core.time.DbClock;
import org.clearway.dispatch.app.DispatchConfig;
import org.clearway.dispatch.app.DispatchService;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The dispatch latency benchmark: from the publish of the reading that makes a bin cross its threshold to the job's
 * message on {@code {prefix}dispatch/jobs/{jobId}}, through the real broker, a real {@link DispatchService} and the
 * real database (a scratch schema, dropped at the end). Each bin gets a reading at 50 % and then two at 90 %: the
 * decision level is the median of the last three readings (the lower of two), so the second 90 % is the one that
 * creates the job, and the clock starts at its publish.
 */
@Command(name = "dispatch-latency-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures reading-to-job latency of the dispatch service at a steady rate of threshold crossings:",
                "publish of the confirming reading -> job message on {prefix}dispatch/jobs/{jobId}.",
                "Prints p50/p90/p99/max, missing and duplicate jobs, and the 1 s p99 verdict. Exits 1 if a job is missing."})
public final class DispatchLatencyBenchmark implements Callable<Integer> {
    private static final Duration TARGET = Duration.ofSeconds(1);

    @Mixin
    BenchConnection connection;
    @Option(names = "--bins", defaultValue = "1000", description = "Bins, one threshold crossing each (default: ${DEFAULT-VALUE})")
    int bins;
    @Option(names = "--rate", defaultValue = "50",
            description = "Bins per second, 3 readings each (default: ${DEFAULT-VALUE}, i.e. 150 messages/s)")
    double rate;
    @Option(names = "--kill-leader-after", defaultValue = "0",
            description = {"Fault 7: run a standby beside the leader and kill the leader (as a crash would) this many",
                    "seconds into publishing; 0 = one instance, no kill (default: ${DEFAULT-VALUE})"})
    double killLeaderAfter;
    @Option(names = "--fleet", description = {"A fleet file stored at the service's start, so that the leader plans routes",
            "(and a new leader makes its first plan while it takes over); 'demo' for the demonstration fleet;",
            "default: none, no planning"})
    String fleet;
    @Option(names = "--wait", defaultValue = "30",
            description = "Seconds to wait for the last jobs after the last publish (default: ${DEFAULT-VALUE})")
    int waitSeconds;

    private final ObjectMapper json = new ObjectMapper();

    public static void main(String[] args) {
        System.exit(new CommandLine(new DispatchLatencyBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (bins < 1 || bins > 99_999 || rate <= 0 || waitSeconds < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--bins must be 1 to 99999, --rate positive, --wait not negative");
        }
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String schema = "dispatch_bench_" + tag;
        String prefix = "bench-dispatch-" + tag + "/";
        System.out.printf(Locale.ROOT, "Dispatch latency benchmark: %,d bins at %.0f bins/s (3 readings each); broker %s, "
                + "database %s, schema %s, prefix %s%n", bins, rate, connection.mqttUrl, connection.dbUrl, schema, prefix);
        String schemaUrl = connection.schemaUrl(schema);
        DatabaseConfig dbConfig = connection.database(schemaUrl);
        try (HikariDataSource pool = Databases.pool(dbConfig, "dispatch-bench")) {
            try {
                BenchSetup.prepare(pool, schema, bins);
                System.out.printf("  schema %s migrated, %,d bins registered%n", schema, bins);
                return run(pool, schemaUrl, prefix, tag);
            } finally {
                BenchSetup.drop(pool, schema);
            }
        }
    }

    static String binId(int i) {
        return BenchSetup.binId(i);
    }

    private int run(HikariDataSource pool, String schemaUrl, String prefix, String tag) throws Exception {
        // Per bin: when its confirming reading was published, when its first job message arrived (System.nanoTime,
        // 0 = not yet), and how many job messages came for it.
        AtomicLongArray publishedAt = new AtomicLongArray(bins);
        AtomicLongArray jobAt = new AtomicLongArray(bins);
        AtomicInteger[] messagesPerBin = new AtomicInteger[bins];
        for (int i = 0; i < bins; i++) {
            messagesPerBin[i] = new AtomicInteger();
        }
        Map<String, Integer> index = new HashMap<>(bins * 2);
        for (int i = 0; i < bins; i++) {
            index.put(binId(i), i);
        }
        Map<Long, AtomicInteger> copiesPerJob = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> reasons = new ConcurrentHashMap<>();
        AtomicLong received = new AtomicLong();
        AtomicLong foreign = new AtomicLong();

        Vertx vertx = Vertx.vertx();
        MqttConfig broker = new MqttConfig(connection.mqttUrl, "", "", prefix);
        String listenerId = "bench-jobs-" + tag;
        MqttClientSettings listenerSettings = new MqttClientSettings(broker, listenerId, true, Duration.ZERO, 65_535,
                false, 1, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(5));
        try (PahoMqttSession listener = new PahoMqttSession(listenerSettings);
             PahoMqttSession publisher = new PahoMqttSession(
                     MqttClientSettings.publisher(broker, "bench-pub-" + tag, 100))) {
            listener.subscribe(prefix + "dispatch/jobs/#", 1, m -> {
                long now = System.nanoTime();
                received.incrementAndGet();
                onJob(m, now, index, jobAt, messagesPerBin, copiesPerJob, reasons, foreign);
            });
            listener.start();
            publisher.start();
            await("the benchmark's clients to connect", () -> listener.isSubscribed() && publisher.isConnected());

            DispatchService service = new DispatchService(config(schemaUrl, prefix, tag, 1), DbClock.wall(),
                    MetricsRegistry.prometheus("dispatch"), vertx).start();
            LeaderKill kill = null;
            try {
                await("the dispatch service to lead and subscribe", service::isConsuming);
                if (killLeaderAfter > 0) {
                    DispatchService standby = new DispatchService(config(schemaUrl, prefix, tag, 2), DbClock.wall(),
                            MetricsRegistry.prometheus("dispatch"), vertx).start();
                    kill = LeaderKill.schedule(service, standby, Duration.ofMillis((long) (killLeaderAfter * 1000)));
                    System.out.printf(Locale.ROOT, "  a standby runs beside the leader; the leader is killed %.1f s into "
                            + "publishing%n", killLeaderAfter);
                }
                System.out.println("  dispatch service leading and subscribed; publishing");
                long failed = publish(publisher, prefix, publishedAt, jobAt);
                long lastPublish = System.nanoTime();
                long deadline = lastPublish + Duration.ofSeconds(waitSeconds).toNanos();
                long lastPrint = 0;
                while (true) {
                    long jobs = countArrived(jobAt);
                    long now = System.nanoTime();
                    if (jobs >= bins || now > deadline) {
                        System.out.printf(Locale.ROOT, "  all published; jobs received for %,d of %,d bins, %.1f s after "
                                + "the last publish%n", jobs, bins, (now - lastPublish) / 1e9);
                        break;
                    }
                    if (now - lastPrint > 1_000_000_000L) {
                        System.out.printf(Locale.ROOT, "  waiting: jobs received for %,d of %,d bins%n", jobs, bins);
                        lastPrint = now;
                    }
                    Thread.sleep(10);
                }
                // A moment for late duplicates (a job published again) to show up.
                Thread.sleep(1_000);
                int exit = report(pool, publishedAt, jobAt, messagesPerBin, copiesPerJob, reasons, received.get(),
                        foreign.get(), failed);
                if (kill != null) {
                    exit = Math.max(exit, kill.report(pool));
                }
                return exit;
            } finally {
                if (kill != null) {
                    kill.close();
                }
                service.close();
            }
        } finally {
            vertx.close().await();
        }
    }

    private DispatchConfig config(String schemaUrl, String prefix, String tag, int instance) throws java.io.IOException {
        Map<String, String> extra = new HashMap<>(Map.of("CLEARWAY_DISPATCH_SESSION_EXPIRY", "60s"));
        if (fleet != null) {
            extra.put("CLEARWAY_DISPATCH_FLEET_FILE", BenchSetup.fleetFile(fleet).toString());
        }
        return BenchSetup.config(connection, schemaUrl, prefix, tag, instance, extra);
    }

    /**
     * Publishes, bin after bin at {@code rate} bins per second, a reading at 50 % then two at 90 % (15 minutes apart
     * by their timestamps); the time of the third publish is the bin's start. Returns the publishes that failed.
     */
    private long publish(PahoMqttSession publisher, String prefix, AtomicLongArray publishedAt, AtomicLongArray jobAt) {
        Instant last = DbClock.wall().instant().truncatedTo(ChronoUnit.SECONDS);
        byte[][] payloads = {
            reading(last.minus(Duration.ofMinutes(30)), 50),
            reading(last.minus(Duration.ofMinutes(15)), 90),
            reading(last, 90)};
        AtomicLong failed = new AtomicLong();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long lastPrint = start;
        for (int i = 0; i < bins; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            String topic = prefix + "bins/" + binId(i) + "/telemetry";
            for (int r = 0; r < 3; r++) {
                if (r == 2) {
                    publishedAt.set(i, System.nanoTime());
                }
                publisher.publish(topic, payloads[r], 1, false).whenComplete((ok, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            long now = System.nanoTime();
            if (now - lastPrint >= 2_000_000_000L) {
                System.out.printf(Locale.ROOT, "  %.1f s: published %,d of %,d bins, jobs received for %,d%n",
                        (now - start) / 1e9, i + 1, bins, countArrived(jobAt));
                lastPrint = now;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "  published %,d bins (%,d messages) in %.1f s: %.1f bins/s%n", bins, 3L * bins,
                seconds, bins / Math.max(seconds, 1e-9));
        return failed.get();
    }

    private static byte[] reading(Instant ts, double fill) {
        return ("{\"ts\":\"" + ts + "\",\"fill\":" + fill + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void onJob(InboundMessage m, long now, Map<String, Integer> index, AtomicLongArray jobAt,
                       AtomicInteger[] messagesPerBin, Map<Long, AtomicInteger> copiesPerJob,
                       Map<String, AtomicInteger> reasons, AtomicLong foreign) {
        JsonNode job;
        try {
            job = json.readTree(m.payload());
        } catch (java.io.IOException e) {
            foreign.incrementAndGet();
            return;
        }
        Integer i = index.get(job.path("binId").asText(""));
        if (i == null) {
            foreign.incrementAndGet();
            return;
        }
        jobAt.compareAndSet(i, 0, now);
        messagesPerBin[i].incrementAndGet();
        copiesPerJob.computeIfAbsent(job.path("jobId").asLong(), k -> new AtomicInteger()).incrementAndGet();
        reasons.computeIfAbsent(job.path("reason").asText("?"), k -> new AtomicInteger()).incrementAndGet();
    }

    private static long countArrived(AtomicLongArray jobAt) {
        long n = 0;
        for (int i = 0; i < jobAt.length(); i++) {
            if (jobAt.get(i) != 0) {
                n++;
            }
        }
        return n;
    }

    private int report(HikariDataSource pool, AtomicLongArray publishedAt, AtomicLongArray jobAt,
                       AtomicInteger[] messagesPerBin, Map<Long, AtomicInteger> copiesPerJob,
                       Map<String, AtomicInteger> reasons, long received, long foreign, long failedPublishes)
            throws SQLException {
        long[] latencies = new long[bins];
        int n = 0;
        int missing = 0;
        int early = 0;
        int duplicates = 0;
        for (int i = 0; i < bins; i++) {
            long job = jobAt.get(i);
            if (job == 0) {
                missing++;
                continue;
            }
            long latency = job - publishedAt.get(i);
            if (latency < 0) {
                early++;
            }
            latencies[n++] = Math.max(0, latency);
            duplicates += Math.max(0, messagesPerBin[i].get() - 1);
        }
        long extraJobs = copiesPerJob.size() - (bins - missing);
        long republished = copiesPerJob.values().stream().mapToLong(c -> c.get() - 1).sum();
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        long storedJobs;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM jobs")) {
            rs.next();
            storedJobs = rs.getLong(1);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Reading -> job message latency, %,d bins at %.0f bins/s:%n", bins, rate);
        System.out.printf(Locale.ROOT, "  count       %,d%n", n);
        if (n > 0) {
            System.out.printf(Locale.ROOT, "  p50         %.1f ms%n", percentile(sorted, 50) / 1e6);
            System.out.printf(Locale.ROOT, "  p90         %.1f ms%n", percentile(sorted, 90) / 1e6);
            System.out.printf(Locale.ROOT, "  p99         %.1f ms%n", percentile(sorted, 99) / 1e6);
            System.out.printf(Locale.ROOT, "  max         %.1f ms%n", sorted[n - 1] / 1e6);
        }
        if (n > 0) {
            long first = publishedAt.get(0);
            StringBuilder slowest = new StringBuilder();
            java.util.stream.IntStream.range(0, bins).filter(i -> jobAt.get(i) != 0).boxed()
                    .sorted((a, b) -> Long.compare(jobAt.get(b) - publishedAt.get(b), jobAt.get(a) - publishedAt.get(a)))
                    .limit(5).forEach(i -> slowest.append(String.format(Locale.ROOT, "%s%s at %.1f s %.0f ms",
                            slowest.isEmpty() ? "" : ", ", binId(i), (publishedAt.get(i) - first) / 1e9,
                            (jobAt.get(i) - publishedAt.get(i)) / 1e6)));
            System.out.printf(Locale.ROOT, "  slowest     %s (bin, its publish after the first, latency)%n", slowest);
        }
        System.out.printf(Locale.ROOT, "  missing     %,d (must be 0)%n", missing);
        System.out.printf(Locale.ROOT, "  duplicates  %,d (must be 0; job messages beyond the first per bin: %,d jobs "
                + "too many, %,d messages published again)%n", duplicates, Math.max(0, extraJobs), republished);
        System.out.printf(Locale.ROOT, "  job messages received %,d (%s), not ours %,d; jobs in the database %,d; "
                + "publishes failed %,d; job before its confirming reading %,d%n", received, reasons, foreign,
                storedJobs, failedPublishes, early);
        boolean met = n > 0 && missing == 0 && percentile(sorted, 99) <= TARGET.toNanos();
        System.out.printf(Locale.ROOT, "Target p99 <= %d ms: %s%n", TARGET.toMillis(), met ? "MET"
                : n == 0 || missing > 0 ? "NOT MET (jobs missing)" : "NOT MET");
        if (missing > 0) {
            System.out.printf("FAILED: %,d of %,d jobs missing%n", missing, bins);
            return 1;
        }
        return 0;
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        BenchSetup.await(what, condition);
    }
}
