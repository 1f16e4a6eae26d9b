package org.clearway.core.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Where {@code readings} is a TimescaleDB hypertable, the per-bin roll-ups as continuous aggregates (docs/assessment.md,
 * "TimescaleDB"), written after TimescaleDB's documentation
 * (https://docs.timescale.com/use-timescale/latest/continuous-aggregates/create-a-continuous-aggregate/ and
 * .../hierarchical-continuous-aggregates/): {@code readings_slots} per bin and report slot (count, fill min, max, sum,
 * first and last time) and, on top of it, {@code readings_days} per bin and UTC day (readings, observed slots = the
 * slots with a reading, fill statistics), both with real-time aggregation and a refresh policy. Plain PostgreSQL keeps
 * {@code bin_days} by triggers instead (V11), which a hypertable does not allow (no transition tables); the overflow
 * time needs each reading's next one (a window function), which a continuous aggregate cannot hold, so on TimescaleDB
 * the assessment still reads the readings for it. Run by {@link Migrations#apply} after Flyway, outside a transaction
 * (each statement on its own: creating and refreshing a continuous aggregate cannot run in a transaction block).
 */
public final class TimescaleRollups {
    /** The schema of the TimescaleDB extension, when it is installed in this database. */
    static final String EXTENSION_SCHEMA = """
            SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
             WHERE e.extname = 'timescaledb'
            """;
    /** Whether readings (in the current schema) is a hypertable, the slot of the roll-ups, whether the views exist. */
    static final String STATE = """
            SELECT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                            WHERE hypertable_schema = current_schema() AND hypertable_name = 'readings'),
                   (SELECT extract(epoch FROM slot)::bigint FROM rollup_settings),
                   to_regclass(quote_ident(current_schema()) || '.readings_days') IS NOT NULL
            """;

    private TimescaleRollups() {
    }

    /**
     * The statements that create the continuous aggregates and their policies; none unless TimescaleDB is installed
     * and readings is a hypertable, and none when the views exist already.
     *
     * @param extensionSchema the schema of the timescaledb extension, or null when it is not installed
     * @param slotSeconds     rollup_settings.slot
     */
    public static List<String> statements(String extensionSchema, boolean hypertable, boolean exist, long slotSeconds) {
        if (extensionSchema == null || !hypertable || exist) {
            return List.of();
        }
        String ts = "\"" + extensionSchema.replace("\"", "\"\"") + "\"";
        List<String> sql = new ArrayList<>();
        sql.add("""
                CREATE MATERIALIZED VIEW readings_slots
                WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
                SELECT bin_id, %1$s.time_bucket(make_interval(secs => %2$d), measured_at) AS slot,
                       count(*) AS readings, min(fill_pct) AS fill_min, max(fill_pct) AS fill_max,
                       sum(fill_pct) AS fill_sum, min(measured_at) AS first_at, max(measured_at) AS last_at
                  FROM readings
                 GROUP BY bin_id, %1$s.time_bucket(make_interval(secs => %2$d), measured_at)
                WITH NO DATA""".formatted(ts, slotSeconds));
        sql.add("""
                CREATE MATERIALIZED VIEW readings_days
                WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
                SELECT bin_id, %1$s.time_bucket(interval '1 day', slot) AS day, sum(readings) AS readings,
                       count(*) AS observed, min(fill_min) AS fill_min, max(fill_max) AS fill_max,
                       sum(fill_sum) AS fill_sum, min(first_at) AS first_at, max(last_at) AS last_at
                  FROM readings_slots
                 GROUP BY bin_id, %1$s.time_bucket(interval '1 day', slot)
                WITH NO DATA""".formatted(ts));
        sql.add(("SELECT %s.add_continuous_aggregate_policy('readings_slots', start_offset => interval '35 days',"
                + " end_offset => make_interval(secs => %d), schedule_interval => interval '15 minutes')")
                .formatted(ts, slotSeconds));
        sql.add(("SELECT %s.add_continuous_aggregate_policy('readings_days', start_offset => interval '35 days',"
                + " end_offset => interval '1 day', schedule_interval => interval '1 hour')").formatted(ts));
        sql.add("CALL %s.refresh_continuous_aggregate('readings_slots', NULL, NULL)".formatted(ts));
        sql.add("CALL %s.refresh_continuous_aggregate('readings_days', NULL, NULL)".formatted(ts));
        return sql;
    }

    /** Creates the continuous aggregates where they belong (see the class comment); does nothing elsewhere. */
    static void apply(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            String extension = null;
            try (ResultSet rs = s.executeQuery(EXTENSION_SCHEMA)) {
                if (rs.next()) {
                    extension = rs.getString(1);
                }
            }
            if (extension == null) {
                return;
            }
            boolean hypertable;
            long slot;
            boolean exist;
            try (ResultSet rs = s.executeQuery(STATE)) {
                rs.next();
                hypertable = rs.getBoolean(1);
                slot = rs.getLong(2);
                exist = rs.getBoolean(3);
            }
            for (String sql : statements(extension, hypertable, exist, slot)) {
                s.execute(sql);
            }
        }
    }
}
