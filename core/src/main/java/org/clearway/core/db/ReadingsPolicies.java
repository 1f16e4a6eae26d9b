package org.clearway.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings TimescaleDB's retention and compression policies on {@code readings} in line with the
 * configuration ({@code CLEARWAY_READINGS_RETENTION}, {@code CLEARWAY_READINGS_COMPRESS_AFTER}); ingest
 * calls it at every start. The work is the SQL function of migration V6; on plain PostgreSQL it does
 * nothing, since partition upkeep reads the retention at every run.
 */
public final class ReadingsPolicies {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingsPolicies.class);
    static final String RECONCILE = "SELECT clearway_reconcile_readings_policies(?::interval, ?::interval)";
    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private final DataSource dataSource;

    public ReadingsPolicies(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces each policy whose interval differs from the one given; returns what changed (empty if nothing). */
    public String reconcile(Duration retention, Duration compressAfter) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(RECONCILE)) {
            ps.setString(1, interval(retention));
            ps.setString(2, interval(compressAfter));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String changed = rs.getString(1);
                if (changed.isEmpty()) {
                    LOG.debug("TimescaleDB policies on readings match the configuration");
                } else {
                    LOG.info("TimescaleDB policies on readings: {}", changed);
                }
                return changed;
            }
        }
    }

    /** A PostgreSQL interval literal: whole days where the duration is whole days, as TimescaleDB shows them. */
    static String interval(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a policy interval must be positive, not " + duration);
        }
        long seconds = duration.toSeconds();
        return seconds % SECONDS_PER_DAY == 0 ? seconds / SECONDS_PER_DAY + " days" : seconds + " seconds";
    }
}
