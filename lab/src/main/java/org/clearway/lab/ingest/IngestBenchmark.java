package org.clearway.lab.ingest;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.clearway.core.config.Env;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.core.time.DbClock;
import org.clearway.ingest.app.IngestConfig;
import org.clearway.ingest.app.IngestService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The ingest benchmark: readings/s end to end (publish, broker, ingest, commit) with lag
 * percentiles, beside the two ceilings measured in the same run on the same machine: the broker
 * alone (a plain QoS 1 subscriber that only counts) and the database alone (COPY of the same rows).
 * Prints ratios to the ceilings and checks the database count at the end.
 */
@Command(name = "ingest-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures ingest throughput and lag against the broker-alone and COPY-alone ceilings,",
                "for single-reading messages and for 100-reading batches. Exits 1 if a reading was lost."})
public final class IngestBenchmark implements Callable<Integer> {
    @Mixin
    BenchTargets targets;
    private String mqttUrl;
    private String dbUrl;
    private String dbUser;
    private String dbPassword;
    @Option(names = "--readings", defaultValue = "100000", description = "Readings per run (default: ${DEFAULT-VALUE})")
    int readings;
    @Option(names = "--bins", defaultValue = "1000", description = "Simulated bins (default: ${DEFAULT-VALUE})")
    int bins;
    @Option(names = "--batch-size", defaultValue = "500",
            description = "Ingest's messages per commit (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--inflight", defaultValue = "0",
            description = "Ingest's Receive Maximum (default: 0 = ingest's own default, batch size x (writers + 1))")
    int inflight;
    @Option(names = "--writers", defaultValue = "0",
            description = "Ingest's concurrent commits (default: 0 = ingest's own default, CLEARWAY_INGEST_WRITERS's)")
    int writers;
    @Option(names = "--rounds", defaultValue = "3",
            description = "Rounds per mode, each measuring broker, COPY and ingest; medians are printed (default: ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--qos", defaultValue = "1", description = "QoS of the publisher and subscribers (default: ${DEFAULT-VALUE})")
    int qos;
    @Option(names = "--modes", defaultValue = "1,100", split = ",",
            description = "Readings per message, one run each (default: ${DEFAULT-VALUE})")
    int[] modes;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        mqttUrl = targets.mqttUrl();
        dbUrl = targets.dbUrl();
        dbUser = targets.dbUser();
        dbPassword = targets.dbPassword();
        if (writers <= 0) {
            writers = IngestConfig.DEFAULT_WRITERS;
        }
        String tag = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("Ingest benchmark: %,d readings over %,d bins at QoS %d; broker %s, database %s%n",
                readings, bins, qos, mqttUrl, dbUrl);
        boolean allStored = true;
        try (BenchDatabase db = BenchDatabase.create(dbUrl, dbUser, dbPassword, "bench_" + tag, bins)) {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%-9s %12s %12s %12s %9s %9s %9s %9s %9s %9s%n", "mode", "ingest r/s", "broker r/s", "COPY r/s",
                    "/broker", "ratios", "/COPY", "lag p50", "lag p99", "stored"));
            for (int perMessage : modes) {
                String label = perMessage == 1 ? "single" : perMessage + "-batch";
                double[] broker = new double[rounds];
                double[] copy = new double[rounds];
                double[] ratios = new double[rounds];
                IngestRun[] runs = new IngestRun[rounds];
                // Rounds alternate ceiling and ingest, so that a passing load on the machine hits both alike.
                for (int r = 0; r < rounds; r++) {
                    String round = label + ", round " + (r + 1) + "/" + rounds;
                    BenchLoad load = new BenchLoad("bench-" + tag + "-" + perMessage + "-" + r + "/", bins, readings,
                            perMessage);
                    broker[r] = new BrokerCeiling(mqttUrl, qos, inflight > 0 ? inflight : batchSize * (writers + 1))
                            .measure(load, round);
                    copy[r] = db.copyCeiling(readings);
                    runs[r] = runIngest(db, load, round, tag + "-" + perMessage + "-" + r);
                    allStored &= runs[r].stored() == readings;
                    ratios[r] = runs[r].rate() / broker[r];
                    System.out.printf(Locale.ROOT, "  %s: ingest %,.0f r/s, broker alone %,.0f r/s, ratio %.2f "
                            + "(load average %s, %s UTC)%n", round, runs[r].rate(), broker[r], ratios[r], loadAverage(),
                            java.time.LocalTime.now(java.time.ZoneOffset.UTC).withNano(0));
                    db.truncateReadings();
                }
                IngestRun run = java.util.Arrays.stream(runs).sorted(java.util.Comparator.comparingDouble(IngestRun::rate))
                        .toList().get(rounds / 2);
                double brokerMedian = median(broker);
                double copyMedian = median(copy);
                long storedMin = java.util.Arrays.stream(runs).mapToLong(IngestRun::stored).min().orElse(0);
                table.append(String.format(Locale.ROOT,
                        "%-9s %,12.0f %,12.0f %,12.0f %9.2f %9.2f %9.2f %7.0fms %7.0fms %9s%n", label, run.rate(),
                        brokerMedian, copyMedian, run.rate() / brokerMedian, median(ratios), run.rate() / copyMedian,
                        run.p50Ms(), run.p99Ms(), storedMin + "/" + readings));
            }
            System.out.println();
            System.out.println("Medians over " + rounds + " rounds, " + writers + " writers (ratios: the median of the "
                    + "rounds' ingest/broker; stored: the fewest of any round):");
            System.out.print(table);
        }
        System.out.println(allStored ? "Database check: every reading stored exactly once, and counted once by the roll-ups."
                : "Database check FAILED: readings lost, or missing from the roll-ups (see the stored column).");
        return allStored ? 0 : 1;
    }

    /** Seconds from the last commit until nothing is left for the roll-ups (ingest adds them after its commits). */
    private static double awaitRollups(BenchDatabase db) throws Exception {
        long committedAt = System.nanoTime();
        long deadline = committedAt + Duration.ofSeconds(60).toNanos();
        while (db.pendingRollups() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return (System.nanoTime() - committedAt) / 1e9;
    }

    /** {@code stored} is -1 when the roll-ups do not count every stored reading. */
    private record IngestRun(double rate, long stored, double p50Ms, double p99Ms) {
    }

    /** The machine's 1-minute load average ({@code /proc/loadavg}), or "?" where there is none. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private IngestRun runIngest(BenchDatabase db, BenchLoad load, String label, String tag) throws Exception {
        Vertx vertx = Vertx.vertx();
        PrometheusMeterRegistry registry = MetricsRegistry.prometheus("ingest");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "CLEARWAY_DB_URL", db.schemaUrl(), "CLEARWAY_DB_USER", dbUser, "CLEARWAY_DB_PASSWORD", dbPassword,
                "CLEARWAY_MQTT_URL", mqttUrl, "CLEARWAY_TOPIC_PREFIX", load.prefix(),
                "CLEARWAY_INGEST_CLIENT_ID", "bench-ingest-" + tag, "CLEARWAY_INGEST_SHARE_GROUP", "bench-" + tag,
                "CLEARWAY_INGEST_BATCH_SIZE", Integer.toString(batchSize), "CLEARWAY_HTTP_PORT", "0",
                "CLEARWAY_INGEST_SESSION_EXPIRY", "60s"));
        env.put("CLEARWAY_INGEST_WRITERS", Integer.toString(writers));
        if (inflight > 0) {
            env.put("CLEARWAY_INGEST_INFLIGHT", Integer.toString(inflight));
        }
        IngestConfig config = IngestConfig.from(new Env(env));
        try (IngestService ingest = new IngestService(config, DbClock.wall(), registry, vertx).start()) {
            Thread.sleep(1_000); // let the subscription settle
            BenchPublisher publisher = new BenchPublisher(mqttUrl, "bench-pub-" + tag);
            long start = System.nanoTime();
            Thread pub = Thread.ofPlatform().name("bench-publisher").start(() -> publisher.publish(load, qos));
            var storedCounter = registry.get("clearway.ingest.readings.stored").counter();
            long committed = db.awaitCount(readings, () -> (long) storedCounter.count(), "ingest " + label, start,
                    Duration.ofSeconds(60));
            double seconds = (System.nanoTime() - start) / 1e9;
            double rollupLag = awaitRollups(db);
            long stored = db.count();
            pub.join();
            publisher.close();
            Timer lag = registry.get("clearway.ingest.lag.end_to_end").timer();
            double p50 = 0;
            double p99 = 0;
            for (ValueAtPercentile v : lag.takeSnapshot().percentileValues()) {
                if (v.percentile() == 0.5) {
                    p50 = v.value(TimeUnit.MILLISECONDS);
                } else if (v.percentile() == 0.99) {
                    p99 = v.value(TimeUnit.MILLISECONDS);
                }
            }
            var batches = registry.get("clearway.ingest.batch.size").summary();
            Timer commits = registry.get("clearway.ingest.commit").timer();
            long rolledUp = db.rolledUp();
            System.out.printf("  ingest, %s: %,d commits, %.0f messages per commit on average, %.1f ms per commit; "
                            + "roll-ups caught up %.2f s after the last commit, counting %,d readings%n",
                    label, batches.count(), batches.mean(), commits.mean(TimeUnit.MILLISECONDS), rollupLag, rolledUp);
            return new IngestRun(committed / seconds, rolledUp == stored ? stored : -1, p50, p99);
        } finally {
            vertx.close().await();
        }
    }
}
