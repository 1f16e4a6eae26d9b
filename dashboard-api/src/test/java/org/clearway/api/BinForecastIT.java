package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: GET /bins/{id}/forecast answers the decision engine's forecast as dispatch stores it in bin_decisions
 * (the decisions module's Forecast as JSON), with its p10-p90 band, in the token's zone only. Real PostgreSQL.
 */
class BinForecastIT {
    static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("bin_forecast", Clock.systemUTC(), OperationsFixture.env(Map.of()));
        insertForecast(api, "b1", AT, 62.5);
        api.sql("INSERT INTO bin_decisions (bin_id, state, updated_at) VALUES ('b3', '{\"forecast\": null}'::jsonb, now())");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** A stored state as dispatch writes it (Json.mapper(): instants as text, NaN as "NaN"), forecast included. */
    static void insertForecast(ApiHarness api, String bin, Instant at, double level) throws Exception {
        String forecast = new JsonObject().put("at", at.toString()).put("levelPct", level).put("ratePctPerHour", 2.5)
                .put("basis", "TREND").put("points", 12)
                .put("full", eta(100, at.plus(Duration.ofHours(12)), at.plus(Duration.ofHours(15)), at.plus(Duration.ofHours(19))))
                .put("threshold", eta(80, at.plus(Duration.ofHours(5)), at.plus(Duration.ofHours(7)), at.plus(Duration.ofHours(9))))
                .encode();
        api.sql("INSERT INTO bin_decisions (bin_id, state, last_reading_at, updated_at) VALUES (?, ('{\"armed\": true,"
                + " \"forecastDue\": false, \"forecast\": ' || ? || '}')::jsonb, ?, ?)", bin, forecast, at, at);
    }

    private static JsonObject eta(double target, Instant p10, Instant p50, Instant p90) {
        return new JsonObject().put("targetPct", target).put("p10", p10.toString()).put("p50", p50.toString())
                .put("p90", p90.toString());
    }

    @Test
    void theForecastComesWithItsBand() {
        ApiHarness.Response answer = api.get("viewer-c1", "/bins/b1/forecast");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonObject f = answer.json();
        assertThat(f.getString("binId")).isEqualTo("b1");
        assertThat(Instant.parse(f.getString("at"))).isEqualTo(AT);
        assertThat(f.getDouble("levelPct")).isEqualTo(62.5);
        JsonObject full = f.getJsonObject("full");
        assertThat(Instant.parse(full.getString("p10"))).isEqualTo(AT.plus(Duration.ofHours(12)));
        assertThat(Instant.parse(full.getString("p50"))).isEqualTo(AT.plus(Duration.ofHours(15)));
        assertThat(Instant.parse(full.getString("p90"))).isEqualTo(AT.plus(Duration.ofHours(19)));
        JsonObject threshold = f.getJsonObject("threshold");
        assertThat(threshold.getDouble("targetPct")).isEqualTo(80.0);
        assertThat(Instant.parse(threshold.getString("p10"))).isBefore(Instant.parse(threshold.getString("p90")));
    }

    @Test
    void noForecastYetAndOutsideTheZoneAre404() {
        assertThat(api.get("dispatcher-s1", "/bins/b3/forecast").errorCode()).isEqualTo("no_forecast");
        assertThat(api.get("viewer-c1", "/bins/b4/forecast").status()).as("never decided").isEqualTo(404);
        assertThat(api.get("dispatcher-c3", "/bins/b1/forecast").status()).as("another district's bin").isEqualTo(404);
        assertThat(api.get("dispatcher-c3", "/bins/b1/forecast").errorCode()).isEqualTo("not_found");
    }
}
