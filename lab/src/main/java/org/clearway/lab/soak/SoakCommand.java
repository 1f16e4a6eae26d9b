package org.clearway.lab.soak;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.db.Databases;
import org.clearway.core.time.DbClock;
import org.clearway.launcher.ClearwayLauncher;
import org.clearway.simulator.publish.PublishSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The soak test (docs/soak.md): the whole system (ingest, dispatch, dashboard API, as the launcher
 * runs them, on the embedded or given database and broker) under simulated bins at half the
 * capacity a short calibration measured (or at {@code --rate}) for {@code --duration}, with a line
 * per {@code --report-every} and a summary: the books, the slopes of heap, RSS and lag, a verdict.
 */
@Command(name = "clearway-soak", mixinStandardHelpOptions = true, sortOptions = false, version = "Clearway 0.1.0",
        showDefaultValues = true, usageHelpWidth = 110,
        description = {"Runs the whole system under simulated bins at half its measured capacity (or --rate) and prints,",
            "per interval, readings published, received, stored and rejected, lag percentiles, heap after GC and RSS,",
            "jobs created and closed; then the books, the slopes of heap and lag, and a verdict. Exit code 0 when the",
            "books balance, dispatch keeps up, and heap and lag are flat; 1 otherwise. See docs/soak.md."})
public final class SoakCommand implements Callable<Integer> {
    static final String JOBS = """
            SELECT count(*) FILTER (WHERE created_at >= ?),
                   count(*) FILTER (WHERE updated_at >= ? AND state IN ('verified', 'skipped', 'failed', 'cancelled'))
              FROM jobs""";

    @Option(names = "--duration", defaultValue = "1h", converter = DurationConverter.class,
            description = "How long the load runs.")
    Duration duration;
    @Option(names = "--rate", paramLabel = "READINGS/S",
            description = "Readings per second; default: half the capacity the calibration measures.")
    Double rate;
    @Option(names = "--calibration", defaultValue = "20s", converter = DurationConverter.class,
            description = "How long the capacity calibration runs (without --rate).")
    Duration calibration;
    @Option(names = "--bins", defaultValue = "10000",
            description = "Simulated bins at most; each reports every bins/rate seconds (at least 1 s).")
    int bins;
    @Option(names = "--report-every", defaultValue = "1m", converter = DurationConverter.class,
            description = "How often a line is printed.")
    Duration reportEvery;
    @Option(names = "--bad-share", defaultValue = "0.01", description = "Share of bad messages (rejected by ingest).")
    double badShare;
    @Option(names = "--no-forced-gc", description = "Do not force a full collection at each report to measure the live"
            + " heap; report the heap after the latest collection instead (which rises with old garbage until a mixed one).")
    boolean noForcedGc;
    @Option(names = "--seed", defaultValue = "1", description = "Simulation seed.")
    long seed;
    @Option(names = "--db-url", description = "External PostgreSQL JDBC URL instead of the embedded one (env CLEARWAY_DB_URL).")
    String dbUrl;
    @Option(names = "--mqtt-url", description = "External broker URI instead of the embedded one (env CLEARWAY_MQTT_URL).")
    String mqttUrl;
    @Option(names = "--data-dir", defaultValue = "data", description = "Where the embedded servers keep their data.")
    Path dataDir;

    private final PrintStream out;

    public SoakCommand() {
        this(System.out);
    }

    SoakCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SoakCommand()).execute(args));
    }

    /** Runs with these arguments, printing to {@code out}; returns the exit code. */
    public static int run(PrintStream out, Map<String, String> environment, String... args) {
        SoakCommand command = new SoakCommand(out);
        command.environment = environment;
        CommandLine cl = new CommandLine(command);
        cl.setOut(new java.io.PrintWriter(out, true));
        return cl.execute(args);
    }

    private Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        if (rate != null && !(rate > 0)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rate must be above 0, got " + rate);
        }
        MemoryProbe.install();
        String tag = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
            (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
        ClearwayLauncher launcher = new ClearwayLauncher();
        List<String> args = new ArrayList<>(List.of("--no-simulator", "--http-port", "0", "--api-port", "0",
                "--dispatch-port", "0", "--data-dir", dataDir.toString()));
        if (dbUrl != null) {
            args.addAll(List.of("--db-url", dbUrl));
        }
        if (mqttUrl != null) {
            args.addAll(List.of("--mqtt-url", mqttUrl));
        }
        new CommandLine(launcher).parseArgs(args.toArray(String[]::new));
        try (ClearwayLauncher.RunningSystem system = launcher.start(soakEnvironment(tag));
             HikariDataSource db = Databases.pool(DatabaseConfig.from(new Env(system.environment())), "soak")) {
            MqttConfig mqtt = MqttConfig.from(new Env(system.environment()));
            IngestProbe ingest = new IngestProbe(system.httpPort(), system.dispatchPort());
            Double capacity = null;
            double target;
            if (rate != null) {
                target = rate;
            } else {
                capacity = Calibration.measure(calibration, db, mqtt, ingest, tag, seed, out).system();
                target = capacity / 2;
            }
            return soak(db, mqtt, ingest, tag, target, capacity);
        }
    }

    /** Topic prefix and client ids of this run only, so that it shares a broker with anything. */
    private Map<String, String> soakEnvironment(String tag) {
        Map<String, String> env = new HashMap<>(environment);
        String prefix = env.getOrDefault("CLEARWAY_TOPIC_PREFIX", "");
        env.put("CLEARWAY_TOPIC_PREFIX", prefix + "soak-" + tag + "/");
        env.put("CLEARWAY_INGEST_CLIENT_ID", "soak-ingest-" + tag);
        env.put("CLEARWAY_INGEST_SHARE_GROUP", "soak-" + tag);
        env.put("CLEARWAY_DISPATCH_CLIENT_ID", "soak-dispatch-" + tag);
        env.put("CLEARWAY_DISPATCH_SHARE_GROUP", "soak-dispatch-" + tag);
        return env;
    }

    private int soak(HikariDataSource db, MqttConfig mqtt, IngestProbe ingest, String tag, double target,
                     Double capacity) throws Exception {
        long intervalS = Math.max(1, (long) Math.floor(bins / target));
        int used = (int) Math.max(1, Math.round(target * intervalS));
        out.printf(Locale.ROOT, "Soak for %s at %,.0f readings/s: %,d bins reporting every %d s in real time,"
                        + " %.1f %% bad; a line every %s.%n", SoakFormat.duration(duration), used / (double) intervalS,
                used, intervalS, badShare * 100, SoakFormat.duration(reportEvery));
        Instant start = DbClock.wall().instant();
        PrometheusText base = ingest.scrape();
        long dispatchedBase = ingest.dispatched();
        SoakReport report = new SoakReport();
        SoakLoad.Spec spec = new SoakLoad.Spec("soak-" + tag, used, Duration.ofSeconds(intervalS), 1, null, badShare,
                0, seed);
        PublishSummary published;
        SoakReport.Books books;
        try (SoakLoad load = SoakLoad.start(spec, db, mqtt, "soak-load-" + tag)) {
            long t0 = System.nanoTime();
            PrometheusText previous = base;
            long end = t0 + duration.toNanos();
            while (System.nanoTime() < end) {
                long wait = Math.min(reportEvery.toNanos(), end - System.nanoTime());
                TimeUnit.NANOSECONDS.sleep(Math.max(0, wait));
                try {
                    PrometheusText now = ingest.scrape();
                    long dispatched = ingest.dispatched();
                    out.println(report.line(sample((System.nanoTime() - t0) / 1e9, load, base, previous, now, db,
                            start, dispatched, dispatchedBase)));
                    previous = now;
                } catch (IOException | SQLException e) {
                    out.printf(Locale.ROOT, "[%8s] could not read the metrics (%s); the next line covers this interval"
                            + " too%n", SoakFormat.duration(Duration.ofNanos(System.nanoTime() - t0)), e.getMessage());
                }
            }
            published = load.stop();
            boolean drained = ingest.awaitDrained(IngestProbe.handled(base),
                    () -> load.expectedValid() + load.expectedRejected(), Duration.ofSeconds(30));
            PrometheusText last = ingest.scrape();
            books = new SoakReport.Books(published == null ? 0 : published.acked(),
                    published == null ? 0 : published.errors(), load.expectedValid(), load.expectedRejected(),
                    delta(base, last, IngestProbe.STORED), delta(base, last, IngestProbe.DUPLICATES),
                    delta(base, last, IngestProbe.REJECTED), drained);
        }
        List<String> summary = report.summary(books, used / (double) intervalS, capacity);
        summary.forEach(out::println);
        return summary.get(summary.size() - 1).startsWith("Verdict: PASS") ? 0 : 1;
    }

    private Sample sample(double elapsed, SoakLoad load, PrometheusText base, PrometheusText previous,
                          PrometheusText now, HikariDataSource db, Instant start, long dispatched,
                          long dispatchedBase) throws SQLException {
        var e2e = Histograms.delta(previous.buckets(IngestProbe.LAG_END_TO_END), now.buckets(IngestProbe.LAG_END_TO_END));
        var pipe = Histograms.delta(previous.buckets(IngestProbe.LAG_PIPELINE), now.buckets(IngestProbe.LAG_PIPELINE));
        long[] jobs = jobs(db, start);
        MemoryProbe.Live heap = noForcedGc ? new MemoryProbe.Live(MemoryProbe.heapAfterGcBytes(), -1)
                : MemoryProbe.liveHeap();
        var progress = load.progress();
        return new Sample(elapsed, progress == null ? 0 : progress.acked(), delta(base, now, IngestProbe.RECEIVED),
                delta(base, now, IngestProbe.STORED), delta(base, now, IngestProbe.DUPLICATES),
                delta(base, now, IngestProbe.REJECTED), dispatched - dispatchedBase, quantiles(e2e), quantiles(pipe), heap.bytes(), heap.pauseMillis(),
                MemoryProbe.rssBytes(), jobs[0], jobs[1]);
    }

    private static double[] quantiles(java.util.TreeMap<Double, Double> window) {
        return new double[] {Histograms.quantile(window, 0.50), Histograms.quantile(window, 0.95),
            Histograms.quantile(window, 0.99)};
    }

    private static long delta(PrometheusText base, PrometheusText now, String counter) {
        return Math.round(now.sum(counter) - base.sum(counter));
    }

    private static long[] jobs(HikariDataSource db, Instant since) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(JOBS)) {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** Durations such as {@code 90s}, {@code 10m}, {@code 1h} or ISO-8601. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = SoakFormat.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            if (d.isNegative() || d.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be a positive duration");
            }
            return d;
        }
    }
}
