package org.clearway.api.open311;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearway.api.resources.GreatCircle;
import org.clearway.api.resources.Tx;

/**
 * Stores citizen reports: in one transaction the report, the nearest active bin within the radius
 * (any stream), and the job the report opens on that bin with its first {@code job_events} row, or
 * the open job of the same bin and reason that it joins ({@code jobs_one_open_per_bin_reason}).
 */
public final class ReportStore {
    static final String NEAREST_BIN = """
            SELECT id, zone_id, distance_m FROM (
                SELECT b.id, b.zone_id, %s AS distance_m
                  FROM bins b
                 WHERE b.retired_at IS NULL AND b.lat BETWEEN ? AND ? AND b.lon BETWEEN ? AND ?) near
             WHERE distance_m <= ?
             ORDER BY distance_m, id
             LIMIT 1
            """.formatted(GreatCircle.metres("b.lat", "b.lon"));
    static final String INSERT_REPORT = """
            INSERT INTO citizen_reports (service_code, description, lat, lon, address, media_url, email, first_name,
                                         last_name, phone, device_id, zone_id, bin_id, status, status_notes,
                                         requested_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)
            RETURNING id
            """;
    static final String INSERT_JOB = """
            INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at, updated_at, cause)
            VALUES (?, ?, ?, 'open', ?, ?, ?, ?)
            ON CONFLICT (bin_id, reason) WHERE state NOT IN ('verified', 'skipped', 'failed', 'cancelled') DO NOTHING
            RETURNING id
            """;
    static final String INSERT_JOB_EVENT = """
            INSERT INTO job_events (job_id, from_state, to_state, at, actor, reason) VALUES (?, NULL, 'open', ?, ?, ?)
            """;
    static final String OPEN_JOB = """
            SELECT id FROM jobs
             WHERE bin_id = ? AND reason = ? AND state NOT IN ('verified', 'skipped', 'failed', 'cancelled')
            """;
    static final String LINK_JOB = "UPDATE citizen_reports SET job_id = ? WHERE id = ?";
    /** The actor of the job events this API writes. */
    static final String ACTOR = "open311";
    private static final double METRES_PER_DEGREE = 111_195.0;

    /** What became of a posted report. */
    public record Stored(long id, String binId, Long jobId, boolean newJob, String notice) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final Open311Config config;

    public ReportStore(DataSource dataSource, Clock clock, Open311Config config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    public Stored create(NewReport report) throws SQLException {
        Instant now = clock.instant();
        return Tx.run(dataSource, c -> create(c, report, now));
    }

    private Stored create(Connection c, NewReport report, Instant now) throws SQLException {
        Optional<NearBin> bin = nearestBin(c, report.lat(), report.lon());
        Open311Service service = report.service();
        String notes = bin.isPresent() ? null
                : "No bin within " + config.binRadiusMetres() + " m of this place: passed to the city's services for review.";
        long id;
        try (PreparedStatement ps = c.prepareStatement(INSERT_REPORT)) {
            int i = 0;
            ps.setString(++i, service.code());
            ps.setString(++i, report.description());
            ps.setDouble(++i, report.lat());
            ps.setDouble(++i, report.lon());
            ps.setString(++i, report.address());
            ps.setString(++i, report.mediaUrl());
            ps.setString(++i, report.email());
            ps.setString(++i, report.firstName());
            ps.setString(++i, report.lastName());
            ps.setString(++i, report.phone());
            ps.setString(++i, report.deviceId());
            ps.setString(++i, bin.map(NearBin::zoneId).orElse(null));
            ps.setString(++i, bin.map(NearBin::id).orElse(null));
            ps.setString(++i, notes);
            ps.setTimestamp(++i, Timestamp.from(now));
            ps.setTimestamp(++i, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (bin.isEmpty()) {
            return new Stored(id, null, null, false, notes);
        }
        NearBin near = bin.get();
        long[] job = openOrJoinJob(c, near.id(), service, id, now);
        try (PreparedStatement ps = c.prepareStatement(LINK_JOB)) {
            ps.setLong(1, job[0]);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        boolean created = job[1] == 1;
        String notice = String.format(Locale.ROOT, "Tied to bin %s (%.0f m away); %s job %d.", near.id(),
                near.distanceMetres(), created ? "opened" : "joined the open", job[0]);
        return new Stored(id, near.id(), job[0], created, notice);
    }

    /** @return the job id and 1 when this report created it, 0 when it joined an open one */
    private long[] openOrJoinJob(Connection c, String binId, Open311Service service, long reportId, Instant now)
            throws SQLException {
        // The open job may close between the failed insert and the look-up: then try again.
        for (int attempt = 0; attempt < 5; attempt++) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_JOB)) {
                ps.setString(1, binId);
                ps.setString(2, service.jobReason());
                ps.setString(3, service.jobPriority());
                ps.setTimestamp(4, Timestamp.from(now.plus(config.dueWithin())));
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setTimestamp(6, Timestamp.from(now));
                ps.setString(7, cause(service, reportId));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long jobId = rs.getLong(1);
                        try (PreparedStatement event = c.prepareStatement(INSERT_JOB_EVENT)) {
                            event.setLong(1, jobId);
                            event.setTimestamp(2, Timestamp.from(now));
                            event.setString(3, ACTOR);
                            event.setString(4, cause(service, reportId));
                            event.executeUpdate();
                        }
                        return new long[] {jobId, 1};
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(OPEN_JOB)) {
                ps.setString(1, binId);
                ps.setString(2, service.jobReason());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new long[] {rs.getLong(1), 0};
                    }
                }
            }
        }
        throw new SQLException("could not open or find the open " + service.jobReason() + " job of bin " + binId);
    }

    private static String cause(Open311Service service, long reportId) {
        return "citizen report " + reportId + ": " + service.code();
    }

    private record NearBin(String id, String zoneId, double distanceMetres) {
    }

    private Optional<NearBin> nearestBin(Connection c, double lat, double lon) throws SQLException {
        double radius = config.binRadiusMetres();
        double dLat = radius / METRES_PER_DEGREE * 1.01;
        double cos = Math.cos(Math.toRadians(lat));
        double dLon = cos < 0.01 ? 360 : dLat / cos;
        try (PreparedStatement ps = c.prepareStatement(NEAREST_BIN)) {
            int i = 0;
            ps.setDouble(++i, lat);
            ps.setDouble(++i, lat);
            ps.setDouble(++i, lon);
            ps.setDouble(++i, lat - dLat);
            ps.setDouble(++i, lat + dLat);
            ps.setDouble(++i, lon - dLon);
            ps.setDouble(++i, lon + dLon);
            ps.setDouble(++i, radius);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new NearBin(rs.getString("id"), rs.getString("zone_id"), rs.getDouble("distance_m")))
                        : Optional.empty();
            }
        }
    }
}
