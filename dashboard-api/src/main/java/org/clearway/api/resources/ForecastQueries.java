package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.security.Principal;

/**
 * A bin's fill forecast as dispatch's decision engine keeps it (the decisions module's {@code Forecast}, stored in
 * {@code bin_decisions.state} after each reading; docs/decisions.md#the-forecast-model): the fitted level and rate,
 * and when the bin reaches its threshold and 100 %, each as the median time with its p10–p90 band. Read from the
 * stored JSON, so the API depends on neither dispatch nor the decisions module.
 */
public final class ForecastQueries {
    static final String FORECAST = Scope.SCOPE_CTE + """
            SELECT b.id, d.state -> 'forecast' AS forecast
              FROM bins b LEFT JOIN bin_decisions d ON d.bin_id = b.id
             WHERE b.id = ? AND b.zone_id IN (SELECT id FROM scope)""";

    private final DataSource dataSource;

    public ForecastQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** 404 when the bin is not in the token's scope; 404 {@code no_forecast} while it has none (too few levels). */
    public JsonObject of(Principal principal, String binId) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(binId);
        List<String> found = Db.query(dataSource, FORECAST, args, rs -> {
            String json = rs.getString("forecast");
            return json == null ? "null" : json;
        });
        if (found.isEmpty()) {
            throw ApiException.notFound("bin " + binId);
        }
        Object stored = io.vertx.core.json.Json.decodeValue(found.getFirst());
        if (!(stored instanceof JsonObject forecast)) {
            throw new ApiException(404, "no_forecast", "bin " + binId + " has no forecast yet: too few levels since its"
                    + " last emptying");
        }
        return new JsonObject().put("binId", binId).put("at", forecast.getString("at"))
                .put("levelPct", number(forecast.getValue("levelPct")))
                .put("ratePctPerHour", number(forecast.getValue("ratePctPerHour")))
                .put("basis", forecast.getString("basis")).put("points", forecast.getValue("points"))
                .put("threshold", eta(forecast.getJsonObject("threshold"))).put("full", eta(forecast.getJsonObject("full")));
    }

    /** A stored number; dispatch writes NaN as the string "NaN", answered as null. */
    private static Double number(Object value) {
        return value instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }

    private static JsonObject eta(JsonObject eta) {
        if (eta == null) {
            return null;
        }
        return new JsonObject().put("targetPct", number(eta.getValue("targetPct"))).put("p10", eta.getString("p10"))
                .put("p50", eta.getString("p50")).put("p90", eta.getString("p90"));
    }
}
