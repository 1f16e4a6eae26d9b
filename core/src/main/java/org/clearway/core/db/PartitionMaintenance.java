package org.clearway.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the readings partitions ahead of time and drops those past retention (plain PostgreSQL;
 * the SQL functions are no-ops on a TimescaleDB hypertable, whose policies do this work), and
 * deletes rejected messages past their retention.
 */
public final class PartitionMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenance.class);
    static final String ENSURE_PARTITIONS = "SELECT clearway_ensure_reading_partitions(?, ?)";
    static final String DROP_PARTITIONS = "SELECT clearway_drop_reading_partitions(?)";
    static final String DELETE_OLD_REJECTS = "DELETE FROM rejected_messages WHERE last_received_at < ?";
    /** Partitions exist this many days ahead of today. */
    static final int DAYS_AHEAD = 7;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration maxReadingAge;
    private final Duration readingsRetention;
    private final Duration rejectedRetention;

    public PartitionMaintenance(DataSource dataSource, Clock clock, Duration maxReadingAge,
                                Duration readingsRetention, Duration rejectedRetention) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxReadingAge = maxReadingAge;
        this.readingsRetention = readingsRetention;
        this.rejectedRetention = rejectedRetention;
    }

    /** Creates the partitions every acceptable reading may fall in, drops expired ones, deletes old rejects. */
    public void run() throws SQLException {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate oldest = LocalDate.ofInstant(now.minus(maxReadingAge), ZoneOffset.UTC).minusDays(1);
        try (Connection c = dataSource.getConnection()) {
            int created = call(c, ENSURE_PARTITIONS, java.sql.Date.valueOf(oldest), java.sql.Date.valueOf(today.plusDays(DAYS_AHEAD)));
            int dropped = call(c, DROP_PARTITIONS, Timestamp.from(now.minus(readingsRetention)));
            int deleted;
            try (PreparedStatement ps = c.prepareStatement(DELETE_OLD_REJECTS)) {
                ps.setTimestamp(1, Timestamp.from(now.minus(rejectedRetention)));
                deleted = ps.executeUpdate();
            }
            if (created + dropped + deleted > 0) {
                LOG.info("Maintenance: {} readings partitions created, {} dropped past retention, {} rejected messages deleted",
                        created, dropped, deleted);
            }
        }
    }

    private static int call(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
