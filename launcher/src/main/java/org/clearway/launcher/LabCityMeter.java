package org.clearway.launcher;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.db.Databases;
import org.clearway.core.time.DbClock;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.city.SimBin;
import org.clearway.simulator.trucks.TruckFleet;

/**
 * Measures a {@code --lab-city} run as the policy evaluation measures a policy (docs/policy.md, "Metrics"), over whole
 * days of the city's clock counted from its first Monday 00:00 (the lab's day 0): truck-km, the road kilometres the
 * simulated trucks drove on the lab's street grid (noted at each midnight, when no truck is out); overflow bin-hours,
 * the hours bins stood at 100 % by their true fill (the lab's definition: a quarter of an hour per 15-minute step that
 * ends with a bin full, {@code LiveWaste#fullHours}), and beside it what the database sees, the roll-ups'
 * {@code bin_days.overflow_us} (readings at 100 % until the next reading, at most 2 hours: a sensor reads a full bin
 * at 100 % only when its noise does not pull it below); both per 1,000 bin-days; and the collections.
 */
public final class LabCityMeter implements AutoCloseable {
    static final String OVERFLOW_US = "SELECT coalesce(sum(overflow_us), 0) FROM bin_days "
            + "WHERE bin_id = ANY (?) AND day >= ? AND day < ?";
    static final String COLLECTIONS = "SELECT count(*) FROM collections "
            + "WHERE bin_id = ANY (?) AND collected_at >= ? AND collected_at < ?";
    /** Per shift day: route revisions by cause, trucks given stops, and the first and longest routes' planned km. */
    static final String ROUTES_BY_DAY = "SELECT shift_date, count(*) AS revisions, "
            + "count(*) FILTER (WHERE cause = 'plan') AS plan_revisions, "
            + "count(DISTINCT truck_id) FILTER (WHERE stops > 0) AS trucks, "
            + "(SELECT coalesce(sum(f.distance_km), 0) FROM (SELECT DISTINCT ON (x.truck_id) x.distance_km FROM routes x "
            + "WHERE x.shift_date = r.shift_date AND x.stops > 0 ORDER BY x.truck_id, x.revision) f) AS first_km "
            + "FROM routes r WHERE shift_date >= ? AND shift_date < ? GROUP BY shift_date ORDER BY shift_date";
    /** Per day: collections, trucks that collected, and how many of the jobs were created during the shift (from 06:00). */
    static final String COLLECTIONS_BY_DAY = "SELECT (c.collected_at AT TIME ZONE 'UTC')::date AS day, count(*) AS collections, "
            + "count(DISTINCT j.truck_id) AS trucks, "
            + "count(*) FILTER (WHERE j.reason = 'round') AS rounds, count(*) FILTER (WHERE j.reason = 'risk') AS risks, "
            + "count(*) FILTER (WHERE (j.created_at AT TIME ZONE 'UTC') >= "
            + "(c.collected_at AT TIME ZONE 'UTC')::date + time '06:00') AS in_shift "
            + "FROM collections c JOIN jobs j ON j.id = c.job_id "
            + "WHERE c.bin_id = ANY (?) AND c.collected_at >= ? AND c.collected_at < ? GROUP BY 1 ORDER BY 1";
    private static final Duration DAY = Duration.ofDays(1);

    /** The figures of days {@code fromDay} to {@code toDay} (exclusive) of a lab-city run. */
    public record Figures(int fromDay, int toDay, int bins, double truckKm, double overflowHours,
                          double readOverflowHours, long collections) {
        public double binDays() {
            return (double) bins * (toDay - fromDay);
        }

        /** Overflow bin-hours (true fill at 100 %) per 1,000 bin-days, the lab's figure. */
        public double overflowPer1000BinDays() {
            return overflowHours * 1000 / binDays();
        }

        /** Overflow bin-hours as the database's roll-ups see them (readings at 100 %) per 1,000 bin-days. */
        public double readOverflowPer1000BinDays() {
            return readOverflowHours * 1000 / binDays();
        }

        public String line() {
            return String.format(Locale.ROOT, "lab city, days %d to %d (%d bins, %.0f bin-days): truck-km %.1f, "
                            + "collections %d, overflow h/1k %.1f (true fill, the lab's definition; readings at 100 %% "
                            + "in bin_days: %.1f)", fromDay + 1, toDay, bins, binDays(), truckKm, collections,
                    overflowPer1000BinDays(), readOverflowPer1000BinDays());
        }
    }

    private final DbClock clock;
    private final Instant epoch;
    private final Simulation simulation;
    private final TruckFleet fleet;
    private final Map<Integer, Double> kmAtMidnight = new ConcurrentHashMap<>();
    private final Map<Integer, Double> abandonedAtMidnight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler;

    /**
     * @param epoch the city's first Monday 00:00 (the lab's day 0)
     * @param fleet the simulated trucks, or null when there are none
     */
    LabCityMeter(DbClock clock, Instant epoch, Simulation simulation, TruckFleet fleet) {
        this.clock = clock;
        this.epoch = epoch;
        this.simulation = simulation;
        this.fleet = fleet;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("lab-city-meter")
                .daemon().unstarted(r));
        sampler.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** The trucks' kilometres at the first look after each midnight (no truck drives then: shifts end at 14:00). */
    private void sample() {
        int day = dayOf(clock.instant());
        if (day >= 0) {
            kmAtMidnight.computeIfAbsent(day, d -> fleet == null ? 0 : fleet.drivenKm());
            abandonedAtMidnight.computeIfAbsent(day, d -> fleet == null ? 0 : fleet.abandonedKm());
        }
    }

    /** The lab's day (0 from the epoch) an instant falls in. */
    public int dayOf(Instant at) {
        return (int) Math.floorDiv(Duration.between(epoch, at).toSeconds(), DAY.toSeconds());
    }

    public Instant epoch() {
        return epoch;
    }

    /**
     * The figures of days {@code fromDay} to {@code toDay} (exclusive). Ask once the city's clock has passed
     * {@code toDay}'s midnight by the sensors' report period and a little more, so that every bin's fill has been
     * brought up to date and the readings are stored.
     *
     * @throws IllegalStateException when the trucks' kilometres were not noted at one of the two midnights
     */
    public Figures figures(int fromDay, int toDay, DataSource db) throws SQLException {
        Double kmFrom = kmAtMidnight.get(fromDay);
        Double kmTo = kmAtMidnight.get(toDay);
        if (kmFrom == null || kmTo == null) {
            throw new IllegalStateException("the trucks' kilometres were not noted at the start of day " + (fromDay + 1)
                    + " or " + (toDay + 1) + "; the city's clock reads day " + (dayOf(clock.instant()) + 1));
        }
        List<String> ids = simulation.bins().stream().map(SimBin::id).toList();
        Instant from = epoch.plus(DAY.multipliedBy(fromDay));
        Instant to = epoch.plus(DAY.multipliedBy(toDay));
        double readOverflowHours;
        long collections;
        try (Connection c = db.getConnection()) {
            Array bins = c.createArrayOf("text", ids.toArray());
            try (PreparedStatement s = c.prepareStatement(OVERFLOW_US)) {
                s.setArray(1, bins);
                s.setDate(2, Date.valueOf(from.atZone(ZoneOffset.UTC).toLocalDate()));
                s.setDate(3, Date.valueOf(to.atZone(ZoneOffset.UTC).toLocalDate()));
                readOverflowHours = single(s) / 3.6e9;
            }
            try (PreparedStatement s = c.prepareStatement(COLLECTIONS)) {
                s.setArray(1, bins);
                s.setTimestamp(2, Timestamp.from(from));
                s.setTimestamp(3, Timestamp.from(to));
                collections = (long) single(s);
            }
        }
        return new Figures(fromDay, toDay, ids.size(), kmTo - kmFrom, simulation.waste().fullHours(fromDay, toDay),
                readOverflowHours, collections);
    }

    /**
     * One line per day from {@code fromDay} to {@code toDay} (exclusive) on where the kilometres come from: driven km
     * (and on legs a new route revision turned away from), route revisions (of them full plans), trucks given stops and
     * trucks that collected, the planned km of each truck's first route with stops, the collections (rounds, risk,
     * jobs created during the shift).
     */
    public List<String> dayLines(int fromDay, int toDay, DataSource db) throws SQLException {
        Instant from = epoch.plus(DAY.multipliedBy(fromDay));
        Instant to = epoch.plus(DAY.multipliedBy(toDay));
        Map<Integer, String> routes = new java.util.TreeMap<>();
        Map<Integer, String> collected = new java.util.TreeMap<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(ROUTES_BY_DAY)) {
                s.setDate(1, Date.valueOf(from.atZone(ZoneOffset.UTC).toLocalDate()));
                s.setDate(2, Date.valueOf(to.atZone(ZoneOffset.UTC).toLocalDate()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        routes.put(dayOf(rs.getDate(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant()),
                                String.format(Locale.ROOT, "revisions %d (plans %d), trucks routed %d, first routes "
                                                + "planned %.1f km", rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                        rs.getDouble(5)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(COLLECTIONS_BY_DAY)) {
                s.setArray(1, c.createArrayOf("text", simulation.bins().stream().map(SimBin::id).toArray()));
                s.setTimestamp(2, Timestamp.from(from));
                s.setTimestamp(3, Timestamp.from(to));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        collected.put(dayOf(rs.getDate(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant()),
                                String.format(Locale.ROOT, "collections %d by %d trucks (round %d, risk %d, job "
                                        + "created in the shift %d)", rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                        rs.getLong(5), rs.getLong(6)));
                    }
                }
            }
        }
        List<String> lines = new java.util.ArrayList<>();
        for (int day = fromDay; day < toDay; day++) {
            Double km = kmAtMidnight.get(day);
            Double next = kmAtMidnight.get(day + 1);
            Double away = abandonedAtMidnight.get(day);
            Double awayNext = abandonedAtMidnight.get(day + 1);
            String driven = km == null || next == null || away == null || awayNext == null ? "driven km not noted"
                    : String.format(Locale.ROOT, "driven %.1f km (%.1f km on legs turned away from)", next - km,
                    awayNext - away);
            lines.add(String.format(Locale.ROOT, "lab city day %d: %s; %s; %s", day + 1, driven,
                    routes.getOrDefault(day, "no routes"), collected.getOrDefault(day, "no collections")));
        }
        return lines;
    }

    /** As {@link #figures(int, int, DataSource)} on a pool of its own for {@code database}. */
    public Figures figures(int fromDay, int toDay, DatabaseConfig database) throws SQLException {
        try (var pool = Databases.pool(database, "lab-city-meter")) {
            return figures(fromDay, toDay, pool);
        }
    }

    /** The line of the whole days measured after {@code warmupDays} so far (what the launcher prints at exit). */
    String measuredLine(int warmupDays, DatabaseConfig database) {
        int today = dayOf(clock.instant());
        if (today <= warmupDays) {
            return "lab city: no whole day measured after the " + warmupDays + " warm-up days yet";
        }
        try {
            return figures(warmupDays, today, database).line();
        } catch (SQLException | RuntimeException e) {
            return "lab city: could not measure: " + e.getMessage();
        }
    }

    private static double single(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
