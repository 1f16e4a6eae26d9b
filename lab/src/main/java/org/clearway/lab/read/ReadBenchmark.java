package org.clearway.lab.read;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.clearway.api.app.ApiConfig;
import org.clearway.api.app.ApiService;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.core.db.Databases;
import org.clearway.core.db.Migrations;
import org.clearway.lab.ingest.BenchTargets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The read benchmark (docs/assessment.md, "Read benchmark"): builds a city with a history ({@link CityHistory}) in a
 * schema of its own, starts the dashboard API on it, and measures each read endpoint at several concurrencies:
 * p50/p95/p99 latency and requests/s, with the database's size.
 */
@Command(name = "read-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Builds a city of --bins bins in --communities communities with --days of hourly history,",
                "then measures the dashboard API's read endpoints at each --clients concurrency."})
public final class ReadBenchmark implements Callable<Integer> {
    @Mixin
    BenchTargets targets;
    @Option(names = "--bins", defaultValue = "1000", description = "Bins (default: ${DEFAULT-VALUE})")
    int bins;
    @Option(names = "--communities", defaultValue = "50", description = "Communities (default: ${DEFAULT-VALUE})")
    int communities;
    @Option(names = "--start", description = "First day of the history (default: the first day of the last whole quarter)")
    LocalDate start;
    @Option(names = "--days", defaultValue = "92", description = "Days of history (default: ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--seed", defaultValue = "16", description = "Generator seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--clients", defaultValue = "1,8", split = ",", description = "Concurrencies (default: ${DEFAULT-VALUE})")
    int[] clients;
    @Option(names = "--requests", defaultValue = "200", description = "Requests per cheap endpoint and concurrency (default: ${DEFAULT-VALUE})")
    int requests;
    @Option(names = "--heavy-requests", defaultValue = "16",
            description = "Requests per city-wide assessment or report and concurrency (default: ${DEFAULT-VALUE})")
    int heavyRequests;
    @Option(names = "--budget", defaultValue = "PT60S", description = "Time budget per endpoint and concurrency (default: ${DEFAULT-VALUE})")
    Duration budget;
    @Option(names = "--pool", defaultValue = "4", description = "The API's CLEARWAY_DB_POOL_SIZE (default: ${DEFAULT-VALUE})")
    int pool;
    @Option(names = "--schema", description = "Reuse this schema's city when it is the one asked for (--bins, --start,"
            + " --days; built there when the schema is empty) and keep it")
    String schema;
    @Option(names = "--no-rollups", description = "The assessment reads every reading, as before issue 16")
    boolean noRollups;
    @Option(names = "--map-max-age", defaultValue = "1s",
            description = "The API's CLEARWAY_API_MAP_MAX_AGE (0s: every map request reads the fingerprints; default: ${DEFAULT-VALUE})")
    String mapMaxAge;
    @Option(names = "--zones-max-age", defaultValue = "1s",
            description = "The API's CLEARWAY_API_ZONES_MAX_AGE (default: ${DEFAULT-VALUE})")
    String zonesMaxAge;

    @Option(names = "--assessment-max-age", defaultValue = "10s", description = "The API's CLEARWAY_API_ASSESSMENT_MAX_AGE:"
            + " identical assessments within it are answered again; 0s shares only those that run at once"
            + " (default: ${DEFAULT-VALUE})")
    String assessmentMaxAge;

    @Option(names = "--warmup", defaultValue = "100", description = "Before anything is measured, this many requests to"
            + " each endpoint (at most --heavy-requests to the heavy ones) at the highest --clients, not counted: the JIT"
            + " compiles the requests' code as in a long-running API; 0 for none, as before 2026-12-07 evening"
            + " (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--only", description = "Measure only the endpoints whose name contains this text")
    String only;

    /** What a browser sends: the map measured as a map client fetches it. */
    private static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip, deflate, br");

    /** Bins whose state changes each second while "changing" is measured (the city reports 2.8 a second). */
    private static final int CHANGES_PER_SECOND = 10;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReadBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LocalDate first = start != null ? start : lastQuarter(LocalDate.now(ZoneOffset.UTC));
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = from.plus(Duration.ofDays(days));
        boolean keep = schema != null;
        String name = keep ? schema : "bench_read_" + UUID.randomUUID().toString().substring(0, 8);
        String url = targets.dbUrl() + (targets.dbUrl().contains("?") ? "&" : "?") + "currentSchema=" + name;
        DatabaseConfig dbConfig = new DatabaseConfig(url, targets.dbUser(), targets.dbPassword(), 4, Duration.ofDays(400),
                Duration.ofDays(30));
        try (HikariDataSource db = Databases.pool(dbConfig, "read-bench")) {
            Migrations.apply(db, name, Duration.ofDays(400));
            if (count(db, "SELECT count(*) FROM bins") == 0) {
                long t0 = System.nanoTime();
                CityHistory city = new CityHistory(bins, communities, from, days, seed, System.out);
                city.build(db);
                System.out.printf(Locale.ROOT, "Built %,d bins in %d communities, %,d readings, %,d jobs and collections,"
                        + " %,d citizen reports, %s to %s, in %.0f s%n", bins, communities, city.readings, city.jobs,
                        city.reports, from, to, (System.nanoTime() - t0) / 1e9);
            } else if (!matches(db, from)) {
                System.err.printf(Locale.ROOT, "Schema %s holds another city (or a build that did not finish): not %,d bins with"
                        + " %d days from %s. Drop it or name another --schema.%n", name, bins, days, first);
                return 1;
            } else {
                System.out.printf(Locale.ROOT, "Reusing the city in schema %s (%,d bins, %d days from %s)%n", name, bins, days,
                        first);
            }
            bins = (int) count(db, "SELECT count(*) FROM bins");
            System.out.printf(Locale.ROOT, "City: %,d bins, %,d readings, %,d bin-days, %,d collections, %,d pickup_days rows;"
                    + " database schema %s: %.0f MB; load average %.1f%n",
                    bins, count(db, "SELECT count(*) FROM readings"), count(db, "SELECT count(*) FROM bin_days"),
                    count(db, "SELECT count(*) FROM collections"), count(db, "SELECT count(*) FROM pickup_days"), name,
                    count(db, "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n"
                            + " ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'") / 1e6,
                    loadAverage());
            measure(db, url, from, to);
        } finally {
            if (!keep) {
                drop(name, dbConfig);
            }
        }
        return 0;
    }

    private void measure(HikariDataSource db, String url, Instant from, Instant to) throws Exception {
        String token = UUID.randomUUID().toString();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> env = new java.util.HashMap<>(Map.of("CLEARWAY_DB_URL", url, "CLEARWAY_DB_USER", targets.dbUser(),
                "CLEARWAY_DB_PASSWORD", targets.dbPassword(), "CLEARWAY_DB_POOL_SIZE", Integer.toString(pool),
                "CLEARWAY_API_HOST", "127.0.0.1", "CLEARWAY_API_PORT", "0", "CLEARWAY_API_TOKENS", hash + "=viewer:*",
                "CLEARWAY_API_RATE", "100000", "CLEARWAY_API_BURST", "1000000"));
        env.put("CLEARWAY_ASSESSMENT_ROLLUPS", Boolean.toString(!noRollups));
        env.put("CLEARWAY_API_MAP_MAX_AGE", mapMaxAge);
        env.put("CLEARWAY_API_ZONES_MAX_AGE", zonesMaxAge);
        env.put("CLEARWAY_API_ASSESSMENT_MAX_AGE", assessmentMaxAge);
        Vertx vertx = Vertx.vertx();
        try (ApiService api = new ApiService(ApiConfig.from(new Env(env)), Clock.systemUTC(), vertx)) {
            int port = api.start();
            HttpLoad load = new HttpLoad("http://127.0.0.1:" + port, token);
            String period = periodQuery(from, to);
            Instant day = from.plus(Duration.ofDays(days / 2));
            List<Object[]> endpoints = new ArrayList<>();
            endpoints.add(new Object[] {"GET /zones", (IntFunction<String>) i -> "/zones", false});
            endpoints.add(new Object[] {"GET /bins (community, 100)", (IntFunction<String>) i -> "/bins?limit=100&zone="
                    + CityHistory.community(i % communities), false});
            endpoints.add(new Object[] {"GET /bins/{id}", (IntFunction<String>) i -> "/bins/" + bin(i), false});
            endpoints.add(new Object[] {"GET /bins/{id}/state", (IntFunction<String>) i -> "/bins/" + bin(i) + "/state", false});
            endpoints.add(new Object[] {"GET /bins/{id}/readings (a day)", (IntFunction<String>) i -> "/bins/" + bin(i)
                    + "/readings?from=" + day + "&to=" + day.plus(Duration.ofDays(1)), false});
            endpoints.add(new Object[] {"GET /bins/{id}/readings (1d, history)", (IntFunction<String>) i -> "/bins/" + bin(i)
                    + "/readings?bucket=1d&from=" + from + "&to=" + to, false});
            endpoints.add(new Object[] {"GET /jobs (100)", (IntFunction<String>) i -> "/jobs?limit=100&zone="
                    + CityHistory.community(i % communities), false});
            endpoints.add(new Object[] {"GET /bins.geojson (community)", (IntFunction<String>) i -> "/bins.geojson?zone="
                    + CityHistory.community(i % communities), false});
            endpoints.add(new Object[] {"GET /bins.geojson (city, 5000)", (IntFunction<String>) i -> "/bins.geojson?limit=5000", false});
            endpoints.add(new Object[] {"GET /map/bins.geojson (community)", (IntFunction<String>) i -> "/map/bins.geojson?zone="
                    + CityHistory.community(i % communities), false});
            endpoints.add(new Object[] {"GET /map/bins.geojson (community, gzip)", (IntFunction<String>) i -> "/map/bins.geojson?zone="
                    + CityHistory.community(i % communities), false, GZIP});
            endpoints.add(new Object[] {"GET /map/bins.geojson (city)", (IntFunction<String>) i -> "/map/bins.geojson", false});
            endpoints.add(new Object[] {"GET /map/bins.geojson (city, gzip)", (IntFunction<String>) i -> "/map/bins.geojson",
                false, GZIP});
            endpoints.add(new Object[] {"GET /map/bins.geojson (city, 304)", (IntFunction<String>) i -> "/map/bins.geojson",
                false, null});
            endpoints.add(new Object[] {"GET /map/bins.geojson (city, gzip, changing)",
                (IntFunction<String>) i -> "/map/bins.geojson", false, GZIP, CHANGES_PER_SECOND});
            endpoints.add(new Object[] {"GET /assessment (community)", (IntFunction<String>) i -> "/assessment?" + period
                    + "&zone=" + CityHistory.community(i % communities), false});
            endpoints.add(new Object[] {"GET /assessment (community, repeated)", (IntFunction<String>) i -> "/assessment?"
                    + period + "&zone=" + CityHistory.community(0), false});
            endpoints.add(new Object[] {"GET /assessment (city)", (IntFunction<String>) i -> "/assessment?" + period, true});
            endpoints.add(new Object[] {"GET /assessment/report.html (city)",
                (IntFunction<String>) i -> "/assessment/report.html?" + period, true});
            System.out.printf(Locale.ROOT, "Caches: CLEARWAY_API_MAP_MAX_AGE=%s, CLEARWAY_API_ZONES_MAX_AGE=%s,"
                    + " CLEARWAY_API_ASSESSMENT_MAX_AGE=%s. GET /zones is one request (the token's tree); \"(community)\""
                    + " endpoints ask the %d communities in turn, so a request repeats one %d requests earlier;"
                    + " \"(community, repeated)\" asks one community every time; the city's assessment and report are"
                    + " one request each (identical requests share one computation, and reuse it within the maximum"
                    + " age).%n", mapMaxAge, zonesMaxAge, assessmentMaxAge, communities, communities);
            warmUp(load, endpoints);
            System.out.println(HttpLoad.Result.header() + "   load");
            for (Object[] e : endpoints) {
                if (only != null && !((String) e[0]).contains(only)) {
                    continue;
                }
                for (int c : clients) {
                    @SuppressWarnings("unchecked")
                    IntFunction<String> path = (IntFunction<String>) e[1];
                    int n = (Boolean) e[2] ? heavyRequests : requests;
                    @SuppressWarnings("unchecked")
                    Map<String, String> headers = e.length < 4 ? Map.of() : e[3] == null
                            ? Map.of("If-None-Match", load.etag(path.apply(0), Map.of())) : (Map<String, String>) e[3];
                    try (StateChanges changes = e.length < 5 ? null : new StateChanges(db, bins, (Integer) e[4], seed)) {
                        System.out.println(load.run((String) e[0], path, headers, c, Math.max(n, c), budget).line()
                                + String.format(Locale.ROOT, " %6.1f", loadAverage()));
                    }
                }
            }
        } finally {
            vertx.close().await();
        }
    }

    /**
     * Every endpoint to be measured, {@link #warmup} requests each (the heavy ones at most --heavy-requests), at the
     * highest concurrency, before any is measured, so that no figure pays the JIT's compilation of the code it shares
     * with the others (the first endpoint measured used to pay most of it). The requests are those of the measurement
     * (from the first path), without the headers of the conditional (304) and state-changing variants; caches with a
     * maximum age (the map's) are older than it again by the time their endpoint is measured.
     */
    @SuppressWarnings("unchecked")
    private void warmUp(HttpLoad load, List<Object[]> endpoints) throws Exception {
        if (warmup <= 0) {
            return;
        }
        int c = java.util.Arrays.stream(clients).max().orElse(1);
        long t0 = System.nanoTime();
        int sent = 0;
        for (Object[] e : endpoints) {
            if (only != null && !((String) e[0]).contains(only)) {
                continue;
            }
            int n = (Boolean) e[2] ? Math.min(warmup, heavyRequests) : warmup;
            Map<String, String> headers = e.length < 4 || e[3] == null ? Map.of() : (Map<String, String>) e[3];
            sent += load.warm((IntFunction<String>) e[1], headers, c, n, budget);
        }
        System.out.printf(Locale.ROOT, "Warm-up: %,d requests at %d clients in %.1f s (not counted); load average %.1f%n",
                sent, c, (System.nanoTime() - t0) / 1e9, loadAverage());
    }

    /** The machine's load average over the last minute (the figures are only as good as the machine was quiet). */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private String bin(int i) {
        return CityHistory.bin((int) ((i * 7919L) % bins));
    }

    /** The quarter when the history is one whole quarter, else explicit times. */
    private String periodQuery(Instant from, Instant to) {
        LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC);
        if (d.getDayOfMonth() == 1 && (d.getMonthValue() - 1) % 3 == 0
                && LocalDate.ofInstant(to, ZoneOffset.UTC).equals(d.plusMonths(3))) {
            return "quarter=" + d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
        }
        return "from=" + from + "&to=" + to;
    }

    static LocalDate lastQuarter(LocalDate today) {
        LocalDate quarter = LocalDate.of(today.getYear(), 3 * ((today.getMonthValue() - 1) / 3) + 1, 1);
        return quarter.minusMonths(3);
    }

    /**
     * Whether the schema's city is the one asked for: --bins bins, each day of the history in bin_days, and finished
     * (bin_state, written last, has a row per bin).
     */
    private boolean matches(HikariDataSource db, Instant from) throws Exception {
        long firstDay = from.getEpochSecond() / 86_400;
        return count(db, "SELECT count(*) FROM bins") == bins && count(db, "SELECT count(*) FROM bin_state") == bins
                && count(db, "SELECT count(DISTINCT day) FROM bin_days WHERE day >= DATE '1970-01-01' + " + firstDay
                        + " AND day < DATE '1970-01-01' + " + (firstDay + days)) == days;
    }

    private static long count(HikariDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void drop(String name, DatabaseConfig config) {
        try (HikariDataSource db = Databases.pool(config, "read-bench-drop"); Connection c = db.getConnection();
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (Exception e) {
            System.err.println("Could not drop schema " + name + ": " + e.getMessage());
        }
    }
}
