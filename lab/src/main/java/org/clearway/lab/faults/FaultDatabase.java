package org.clearway.lab.faults;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.BitSet;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.db.Databases;
import org.clearway.core.db.Migrations;
import org.clearway.core.db.PartitionMaintenance;
import org.clearway.core.time.DbClock;

/** A scratch schema for one fault: migrated, with the bins registered; dropped at the end. */
public final class FaultDatabase implements AutoCloseable {
    private static final String COUNTS = "SELECT count(*), count(DISTINCT seq), "
            + "(SELECT count(*) FROM rejected_messages) FROM readings";

    private final HikariDataSource pool;
    private final String schema;
    private final String schemaUrl;

    private FaultDatabase(HikariDataSource pool, String schema, String schemaUrl) {
        this.pool = pool;
        this.schema = schema;
        this.schemaUrl = schemaUrl;
    }

    public static FaultDatabase create(FaultSetup setup, String schema, int bins) throws SQLException {
        String url = setup.dbUrl();
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        DatabaseConfig config = new DatabaseConfig(schemaUrl, setup.dbUser(), setup.dbPassword(), 2,
                Duration.ofDays(400), Duration.ofDays(30));
        HikariDataSource pool = Databases.pool(config, "faults");
        Migrations.apply(pool, schema, Duration.ofDays(400));
        new PartitionMaintenance(pool, DbClock.wall(), Duration.ofDays(7), Duration.ofDays(400), Duration.ofDays(30)).run();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO zones VALUES ('fd', NULL, 'district', 'Faults'), ('fs', 'fd', 'street', 'Faults'), "
                    + "('fc', 'fs', 'community', 'Faults')");
            s.execute("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) "
                    + "SELECT format('fault-%s', lpad(i::text, 5, '0')), 'fc', 'residual', 240, 1000, 31.2, 121.4 "
                    + "FROM generate_series(0, " + (bins - 1) + ") i");
        }
        return new FaultDatabase(pool, schema, schemaUrl);
    }

    static String binId(int i) {
        return String.format("fault-%05d", i);
    }

    /** The scratch schema's pool, for a fault's own queries. */
    javax.sql.DataSource pool() {
        return pool;
    }

    /** The URL ingest uses: the scratch schema. */
    public String schemaUrl() {
        return schemaUrl;
    }

    /** Rows in readings, distinct readings (by seq) among them, and rejected messages. */
    public Counts counts() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(COUNTS)) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /** The readings' sequence numbers that are stored. */
    public BitSet storedSeqs() throws SQLException {
        BitSet seqs = new BitSet();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT seq FROM readings");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                seqs.set((int) rs.getLong(1));
            }
        }
        return seqs;
    }

    /** Counts from the database; {@code -1} everywhere while it cannot be reached. */
    public Counts countsOrUnknown() {
        try {
            return counts();
        } catch (SQLException e) {
            return new Counts(-1, -1, -1);
        }
    }

    public record Counts(long rows, long distinct, long rejected) {
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } finally {
            pool.close();
        }
    }
}
