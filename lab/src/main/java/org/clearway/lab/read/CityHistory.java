package org.clearway.lab.read;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Builds a city with a history for the read benchmark (docs/assessment.md, "Read benchmark"), deterministic for a seed:
 * <ul>
 * <li>zones: communities of {@code bins / communities} bins each, five to a street, two streets to a district; bins
 * around one centre (a grid of communities about 300 m apart), streams residual 50 %, recyclable 25 %, kitchen 20 %,
 * hazardous 5 %, registered 30 days before the history starts;</li>
 * <li>readings: one an hour per bin at a jitter of up to 5 minutes (with microseconds), 1 % of hours missing and now
 * and then a silence of 2 to 12 hours; the fill climbs at the bin's own rate (0.3 to 1.5 % an hour by stream, times a
 * daily rhythm: 1.6 by day, 0.3 at night, with noise) and stays at 100 % when full;</li>
 * <li>jobs and collections: a job when a bin reaches 80 %, collected 2 to 36 hours later (the fill drops to 0 to 5 %),
 * 90 % verified, the rest failed (the sensor did not confirm the emptying); volume and weight by fill and stream;</li>
 * <li>citizen reports: each hour a bin stands full, a 2 % chance of an {@code overflowing_bin} report.</li>
 * </ul>
 * Rows go in by COPY, 500 bins at a time. The roll-up triggers on {@code readings} and {@code collections} are
 * disabled for the load (in the benchmark's own schema); each slice's {@code bin_days} are then computed set-based
 * ({@link BulkRollups}: one INSERT ... SELECT over the slice's readings), {@code community_days} from them and
 * {@code pickup_days} by {@code clearway_pickup_rebuild} and {@code volume_days} by {@code clearway_volume_rebuild} once
 * at the end: the rows a rebuild (and the triggers) would have written. The trigger path built 2,000 bins in 32 minutes here, the per-slice {@code clearway_rollup_refresh}
 * a month of 10,000 bins in 23. {@code bin_state} is each bin's last reading.
 */
final class CityHistory {
    private static final String[] STREAMS = {"residual", "residual", "residual", "residual", "residual",
        "recyclable", "recyclable", "recyclable", "kitchen", "kitchen"};
    static final int SLICE = 500;
    /** Each slice's roll-up sorts its readings by bin and time in memory rather than on disk. */
    static final String WORK_MEM = "SET work_mem = '256MB'";
    /**
     * The visibility map of the tables the reads scan by index alone, as autovacuum leaves an insert-only table
     * after its inserts (readings, 20 M rows a quarter and read by primary key ranges, is left to autovacuum).
     */
    static final String VACUUM = "VACUUM collections, citizen_reports, jobs, bin_days, community_days, pickup_days,"
            + " volume_days, bin_state";
    static final String DISABLE_READINGS_ROLLUP = "ALTER TABLE readings DISABLE TRIGGER readings_rollup_insert";
    static final String ENABLE_READINGS_ROLLUP = "ALTER TABLE readings ENABLE TRIGGER readings_rollup_insert";
    static final String DISABLE_PICKUP_ROLLUP = "ALTER TABLE collections DISABLE TRIGGER collections_pickup_insert";
    static final String ENABLE_PICKUP_ROLLUP = "ALTER TABLE collections ENABLE TRIGGER collections_pickup_insert";
    static final String DISABLE_VOLUME_ROLLUP = "ALTER TABLE collections DISABLE TRIGGER collections_volume_insert";
    static final String ENABLE_VOLUME_ROLLUP = "ALTER TABLE collections ENABLE TRIGGER collections_volume_insert";

    private final int bins;
    private final int communities;
    private final Instant start;
    private final int days;
    private final long seed;
    private final int slice;
    private final StringBuilder states = new StringBuilder();
    private final PrintStream progress;
    long readings;
    long jobs;
    long reports;

    CityHistory(int bins, int communities, Instant start, int days, long seed, PrintStream progress) {
        this(bins, communities, start, days, seed, SLICE, progress);
    }

    /** @param slice bins per COPY and per roll-up statement */
    CityHistory(int bins, int communities, Instant start, int days, long seed, int slice, PrintStream progress) {
        this.slice = slice;
        this.progress = progress;
        this.bins = bins;
        this.communities = communities;
        this.start = start;
        this.days = days;
        this.seed = seed;
    }

    static String community(int i) {
        return String.format(Locale.ROOT, "c-%04d", i);
    }

    static String bin(int i) {
        return String.format(Locale.ROOT, "bin-%06d", i);
    }

    int communityOf(int bin) {
        return (int) ((long) bin * communities / bins);
    }

    void build(DataSource db) throws SQLException, IOException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT clearway_ensure_reading_partitions(DATE '" + start.toString().substring(0, 10) + "' - 1, DATE '"
                    + start.plus(Duration.ofDays(days + 1)).toString().substring(0, 10) + "')");
            StringBuilder zones = new StringBuilder();
            int streets = (communities + 4) / 5;
            for (int d = 0; d < (streets + 1) / 2; d++) {
                zones.append(String.format(Locale.ROOT, "d-%02d\t\\N\tdistrict\tDistrict %d%n", d, d));
            }
            for (int st = 0; st < streets; st++) {
                zones.append(String.format(Locale.ROOT, "s-%03d\td-%02d\tstreet\tStreet %d%n", st, st / 2, st));
            }
            for (int k = 0; k < communities; k++) {
                zones.append(String.format(Locale.ROOT, "%s\ts-%03d\tcommunity\tCommunity %d%n", community(k), k / 5, k));
            }
            s.execute(WORK_MEM);
            copy(c, "zones (id, parent_id, level, name)", zones);
            StringBuilder rows = new StringBuilder();
            Instant registered = start.minus(Duration.ofDays(30));
            for (int i = 0; i < bins; i++) {
                int k = communityOf(i);
                Random r = new Random(seed * 31 + i);
                double lat = 31.20 + (k / 10) * 0.003 + r.nextDouble() * 0.003;
                double lon = 121.40 + (k % 10) * 0.003 + r.nextDouble() * 0.003;
                String stream = r.nextInt(20) == 0 ? "hazardous" : STREAMS[r.nextInt(STREAMS.length)];
                rows.append(bin(i)).append('\t').append(community(k)).append('\t').append(stream).append('\t')
                        .append(stream.equals("recyclable") ? 660 : 240).append("\t1000\t")
                        .append(String.format(Locale.ROOT, "%.6f\t%.6f", lat, lon)).append('\t').append(registered)
                        .append('\n');
            }
            copy(c, "bins (id, zone_id, stream, volume_l, depth_mm, lat, lon, created_at)", rows);
            s.execute(DISABLE_READINGS_ROLLUP);
            s.execute(DISABLE_PICKUP_ROLLUP);
            s.execute(DISABLE_VOLUME_ROLLUP);
            try {
                for (int from = 0; from < bins; from += slice) {
                    long t0 = System.nanoTime();
                    slice(c, from, Math.min(bins, from + slice));
                    BulkRollups.binDays(c, bin(from), bin(Math.min(bins, from + slice)));
                    progress.printf(Locale.ROOT, "  bins %,d to %,d: %,d readings so far, %.0f s (load average %.1f)%n", from,
                            Math.min(bins, from + slice), readings, (System.nanoTime() - t0) / 1e9, ReadBenchmark.loadAverage());
                }
            } finally {
                s.execute(ENABLE_READINGS_ROLLUP);
                s.execute(ENABLE_PICKUP_ROLLUP);
                s.execute(ENABLE_VOLUME_ROLLUP);
            }
            BulkRollups.communityDays(c);
            s.execute("SELECT clearway_pickup_rebuild()");
            s.execute("SELECT clearway_volume_rebuild()");
            s.execute("SELECT setval(pg_get_serial_sequence('jobs', 'id'), greatest(1, (SELECT max(id) FROM jobs)))");
            copy(c, "bin_state (bin_id, measured_at, received_at, fill_pct, last_seen_at)", states);
            s.execute(VACUUM);
            s.execute("ANALYZE");
        }
    }

    /** One slice of bins: readings, jobs, collections and reports, four COPYs. */
    private void slice(Connection c, int from, int to) throws SQLException, IOException {
        // By day (the readings' partitions), so that COPY fills one partition after another.
        StringBuilder[] readingRows = new StringBuilder[days];
        for (int d = 0; d < days; d++) {
            readingRows[d] = new StringBuilder();
        }
        StringBuilder jobRows = new StringBuilder();
        StringBuilder collectionRows = new StringBuilder();
        StringBuilder reportRows = new StringBuilder();
        for (int i = from; i < to; i++) {
            Random r = new Random(seed * 1_000_003 + i);
            int k = communityOf(i);
            String stream = streamOf(i);
            double rate = (stream.equals("kitchen") ? 1.2 : stream.equals("hazardous") ? 0.3 : 0.7) * (0.5 + r.nextDouble());
            double fill = r.nextDouble() * 60;
            Instant collectAt = null;
            Instant jobAt = null;
            int silence = 0;
            Instant last = null;
            double lastFill = 0;
            for (int h = 0; h < days * 24; h++) {
                Instant hour = start.plus(Duration.ofHours(h));
                int hourOfDay = h % 24;
                double rhythm = hourOfDay >= 7 && hourOfDay < 21 ? 1.6 : 0.3;
                fill = Math.min(100, fill + rate * rhythm * (0.5 + r.nextDouble()));
                if (collectAt != null && !hour.isBefore(collectAt)) {
                    long id = ++jobs;
                    boolean verified = r.nextInt(10) != 0;
                    double volume = (stream.equals("recyclable") ? 660 : 240) * fill / 100;
                    double weight = volume * (stream.equals("kitchen") ? 0.5 : 0.15);
                    jobRows.append(id).append('\t').append(bin(i)).append("\tthreshold\tnormal\t")
                            .append(verified ? "verified" : "failed").append('\t').append(jobAt.plus(Duration.ofHours(24)))
                            .append('\t').append(jobAt).append('\t').append(collectAt).append('\t')
                            .append(String.format(Locale.ROOT, "%.1f\t%.1f", weight, volume)).append('\t').append(jobAt)
                            .append('\n');
                    collectionRows.append(id).append('\t').append(bin(i)).append('\t').append(stream).append('\t')
                            .append(community(k)).append('\t').append(String.format(Locale.ROOT, "%.1f\t%.1f", weight, volume))
                            .append('\t').append(collectAt).append('\n');
                    fill = r.nextDouble() * 5;
                    collectAt = null;
                }
                if (collectAt == null && fill >= 80) {
                    jobAt = hour;
                    collectAt = hour.plus(Duration.ofMinutes(120 + r.nextInt(34 * 60)));
                }
                if (silence > 0) {
                    silence--;
                    continue;
                }
                if (r.nextInt(500) == 0) {
                    silence = 2 + r.nextInt(11);
                }
                if (r.nextInt(100) == 0) {
                    continue;
                }
                Instant at = hour.plusNanos(r.nextInt(300_000_000) * 1000L);
                String atText = at.toString();
                StringBuilder day = readingRows[h / 24];
                day.append(bin(i)).append('\t').append(atText).append('\t').append(atText).append('\t');
                tenths(day, fill).append('\n');
                readings++;
                last = at;
                lastFill = fill;
                if (fill >= 100 && r.nextInt(50) == 0) {
                    reports++;
                    reportRows.append("overflowing_bin\t31.2\t121.4\t").append(community(k)).append('\t').append(bin(i))
                            .append("\tclosed\t").append(at).append('\t').append(at).append('\n');
                }
            }
            if (last != null) {
                states.append(bin(i)).append('\t').append(last).append('\t').append(last).append('\t');
                tenths(states, lastFill).append('\t').append(last).append('\n');
            }
        }
        copy(c, "readings (bin_id, measured_at, received_at, fill_pct)", readingRows);
        copy(c, "jobs (id, bin_id, reason, priority, state, due_at, created_at, updated_at, collected_weight_kg,"
                + " collected_volume_l, announced_at)", jobRows);
        copy(c, "collections (job_id, bin_id, stream, zone_id, weight_kg, volume_l, collected_at)", collectionRows);
        copy(c, "citizen_reports (service_code, lat, lon, zone_id, bin_id, status, requested_at, updated_at)", reportRows);
    }

    /** The value with one decimal (as {@code %.1f}, half up), without a formatter: 23 M of them per quarter. */
    static StringBuilder tenths(StringBuilder sb, double value) {
        long t = Math.round(value * 10);
        return sb.append(t / 10).append('.').append(t % 10);
    }

    private String streamOf(int i) {
        Random r = new Random(seed * 31 + i);
        r.nextDouble();
        r.nextDouble();
        return r.nextInt(20) == 0 ? "hazardous" : STREAMS[r.nextInt(STREAMS.length)];
    }

    private static void copy(Connection c, String table, StringBuilder[] parts) throws SQLException, IOException {
        StringBuilder rows = new StringBuilder();
        for (StringBuilder p : parts) {
            rows.append(p);
        }
        copy(c, table, rows);
    }

    private static void copy(Connection c, String table, StringBuilder rows) throws SQLException, IOException {
        if (rows.isEmpty()) {
            return;
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(rows.toString()));
    }
}
