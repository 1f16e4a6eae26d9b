package org.clearway.api.open311;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads citizen reports in the GeoReport v2 shape. A report tied to a job takes its status from the
 * job, computed on every read: closed once the job is collected, verified, skipped, failed or
 * cancelled; its status notes say what the job's last event was, its expected time is the job's due
 * time. Contact details are never selected.
 */
public final class ReportQueries {
    /** GeoReport v2: at most 1000 requests per answer and a date range of at most 90 days. */
    public static final int MAX_REQUESTS = 1000;
    public static final Duration MAX_RANGE = Duration.ofDays(90);

    static final String REPORTS = """
            SELECT * FROM (
                SELECT r.id, r.service_code, r.description, r.lat, r.lon, r.address, r.media_url, r.requested_at,
                       r.job_id, j.due_at, e.to_state AS event_state, e.reason AS event_reason,
                       CASE WHEN r.job_id IS NULL THEN r.status
                            WHEN j.state IN ('collected', 'verified', 'skipped', 'failed', 'cancelled') THEN 'closed'
                            ELSE 'open' END AS status,
                       CASE WHEN r.job_id IS NULL THEN r.status_notes END AS stored_notes,
                       greatest(r.updated_at, e.at) AS updated_at
                  FROM citizen_reports r
                  LEFT JOIN jobs j ON j.id = r.job_id
                  LEFT JOIN LATERAL (SELECT ev.to_state, ev.reason, ev.at FROM job_events ev
                                      WHERE ev.job_id = r.job_id ORDER BY ev.id DESC LIMIT 1) e ON true
                 WHERE %s) report
             WHERE (?::text[] IS NULL OR report.status = ANY (?::text[]))
             ORDER BY report.requested_at DESC, report.id DESC
             LIMIT %d
            """;
    static final String BY_IDS = REPORTS.formatted("r.id = ANY (?::bigint[])", MAX_REQUESTS);
    static final String BY_FILTER = REPORTS.formatted(
            "r.requested_at >= ? AND r.requested_at < ? AND (?::text IS NULL OR r.service_code = ?::text)", MAX_REQUESTS);

    /** The filters of {@code GET requests.json}; null for absent ones. */
    public record Filter(List<Long> ids, String serviceCode, Instant start, Instant end, List<String> statuses) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final Open311Config config;

    public ReportQueries(DataSource dataSource, Clock clock, Open311Config config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    /** With ids, the other filters but status are ignored (as the specification says). */
    public JsonArray list(Filter filter) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (filter.ids() != null) {
                try (PreparedStatement ps = c.prepareStatement(BY_IDS)) {
                    ps.setArray(1, c.createArrayOf("bigint", filter.ids().toArray()));
                    bindStatus(ps, 2, c, filter.statuses());
                    return rows(ps);
                }
            }
            Instant[] range = range(filter.start(), filter.end());
            try (PreparedStatement ps = c.prepareStatement(BY_FILTER)) {
                ps.setTimestamp(1, Timestamp.from(range[0]));
                ps.setTimestamp(2, Timestamp.from(range[1]));
                ps.setString(3, filter.serviceCode());
                ps.setString(4, filter.serviceCode());
                bindStatus(ps, 5, c, filter.statuses());
                return rows(ps);
            }
        }
    }

    public JsonObject get(long id) throws SQLException {
        JsonArray one = list(new Filter(List.of(id), null, null, null, null));
        if (one.isEmpty()) {
            throw Open311Exception.notFound("service request " + id + " not found");
        }
        return one.getJsonObject(0);
    }

    /**
     * Default: the 90 days before now; with one end given, 90 days from or to it. The end is exclusive.
     *
     * @throws Open311Exception 400 for an empty range or one over 90 days
     */
    Instant[] range(Instant start, Instant end) {
        Instant to = end != null ? end : start != null ? min(start.plus(MAX_RANGE), clock.instant()) : clock.instant();
        Instant from = start != null ? start : to.minus(MAX_RANGE);
        if (!from.isBefore(to)) {
            throw Open311Exception.badRequest("start_date must be before end_date");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw Open311Exception.badRequest("the date range is at most 90 days: narrow start_date and end_date");
        }
        return new Instant[] {from, to};
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void bindStatus(PreparedStatement ps, int index, Connection c, List<String> statuses) throws SQLException {
        java.sql.Array array = statuses == null ? null : c.createArrayOf("text", statuses.toArray());
        ps.setArray(index, array);
        ps.setArray(index + 1, array);
    }

    private JsonArray rows(PreparedStatement ps) throws SQLException {
        JsonArray out = new JsonArray();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private JsonObject row(ResultSet rs) throws SQLException {
        String code = rs.getString("service_code");
        Open311Service service = Open311Service.byCode(code).orElseThrow();
        long jobId = rs.getLong("job_id");
        boolean hasJob = !rs.wasNull();
        String notes = hasJob ? StatusNotes.of(jobId, rs.getString("event_state"), rs.getString("event_reason"))
                : rs.getString("stored_notes");
        return new JsonObject()
                .put("service_request_id", Long.toString(rs.getLong("id")))
                .put("status", rs.getString("status"))
                .put("status_notes", notes)
                .put("service_name", service.serviceName())
                .put("service_code", code)
                .put("description", rs.getString("description"))
                .put("agency_responsible", config.agency())
                .put("service_notice", null)
                .put("requested_datetime", time(rs, "requested_at"))
                .put("updated_datetime", time(rs, "updated_at"))
                .put("expected_datetime", time(rs, "due_at"))
                .put("address", rs.getString("address"))
                .put("address_id", null)
                .put("zipcode", null)
                .put("lat", rs.getDouble("lat"))
                .put("long", rs.getDouble("lon"))
                .put("media_url", rs.getString("media_url"));
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
