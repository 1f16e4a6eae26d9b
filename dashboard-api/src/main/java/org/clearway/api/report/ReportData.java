package org.clearway.api.report;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.clearway.api.assessment.Assessment;
import org.clearway.api.assessment.AssessmentQueries;
import org.clearway.api.assessment.Period;
import org.clearway.api.http.ApiException;
import org.clearway.api.security.Principal;

/**
 * What the officer's report screen shows: the assessment of a quarter (the current one by default) and of the quarter
 * before it, for the comparison, and where each community is (the middle of its bins, and their extent), for the map.
 * Everything is read within the principal's zone, as every resource of the API is.
 */
public final class ReportData {
    /**
     * Four arguments, as {@link AssessmentQueries#COMMUNITIES_CTE}: the registry keeps no zone outlines, so a
     * community is placed at the mean position of its bins in service, and drawn over their extent.
     */
    static final String PLACES = AssessmentQueries.COMMUNITIES_CTE + """
            SELECT c.id, avg(b.lat), avg(b.lon), count(b.id), min(b.lat), min(b.lon), max(b.lat), max(b.lon)
              FROM communities c JOIN bins b ON b.zone_id = c.id AND b.retired_at IS NULL
             GROUP BY c.id
             ORDER BY c.id
            """;

    private final AssessmentQueries queries;
    private final DataSource dataSource;

    public ReportData(AssessmentQueries queries, DataSource dataSource) {
        this.queries = queries;
        this.dataSource = dataSource;
    }

    ZoneId timeZone() {
        return queries.config().timeZone();
    }

    /** The quarter asked for, or the current one. @throws ApiException 400 for a quarter not written like 2026-Q3 */
    Period period(String quarter) {
        return Period.of(quarter, null, null, timeZone(), queries.now());
    }

    /**
     * @param zone the zone assessed, or null for the principal's own
     * @throws ApiException 404 when the zone is not the principal's to see
     */
    JsonObject load(Principal principal, String zone, Period period) throws SQLException {
        Assessment current = queries.assess(principal, zone, period);
        Assessment previous = queries.assess(principal, zone, period.previousQuarter(timeZone()));
        String assessed = zone == null ? principal.zone() : zone;
        return new JsonObject().put("current", current.toJson()).put("previous", previous.toJson())
                .put("places", places(principal, assessed));
    }

    /**
     * The zone a share link would show, as the principal sees it: its own zone when none is given.
     *
     * @throws ApiException 404 when the zone does not exist or is not the principal's to see
     */
    String visibleZone(Principal principal, String zone) throws SQLException {
        if (zone == null || zone.equals(principal.zone())) {
            return principal.zone();
        }
        if (!Principal.WHOLE_CITY.equals(zone)) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(AssessmentQueries.VISIBLE_ZONE)) {
                ps.setString(1, principal.zone());
                ps.setString(2, principal.zone());
                ps.setString(3, zone);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return zone;
                    }
                }
            }
        }
        throw ApiException.notFound("zone " + zone);
    }

    private JsonObject places(Principal principal, String zone) throws SQLException {
        JsonObject out = new JsonObject();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PLACES)) {
            ps.setString(1, principal.zone());
            ps.setString(2, principal.zone());
            ps.setString(3, zone);
            ps.setString(4, zone);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new JsonObject().put("lat", rs.getDouble(2)).put("lon", rs.getDouble(3))
                            .put("bins", rs.getLong(4)).put("south", rs.getDouble(5)).put("west", rs.getDouble(6))
                            .put("north", rs.getDouble(7)).put("east", rs.getDouble(8)));
                }
            }
        }
        return out;
    }
}
