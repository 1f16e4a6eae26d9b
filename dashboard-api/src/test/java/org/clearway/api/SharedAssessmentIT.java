package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identical assessments share one computation and reuse it within CLEARWAY_API_ASSESSMENT_MAX_AGE (here 60 s; docs/api.md
 * "Budgets"): the same generatedAt for the JSON, and for eight requests at once; never across token zones (an
 * officer of c1 asking for c2, kept for the city's token, is still 404), nor across periods.
 */
class SharedAssessmentIT {
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_shared_assessment", Clock.systemUTC(), Map.of("CLEARWAY_API_ASSESSMENT_MAX_AGE", "60s"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void identicalRequestsGetTheSameComputation() throws Exception {
        String path = "/assessment?quarter=2026-Q3&zone=s1";
        List<Future<ApiHarness.Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(() -> api.get("viewer-city", path)));
            }
        }
        String generatedAt = null;
        for (Future<ApiHarness.Response> f : answers) {
            ApiHarness.Response r = f.get();
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            String at = r.json().getString("generatedAt");
            generatedAt = generatedAt == null ? at : generatedAt;
            assertThat(at).isEqualTo(generatedAt);
        }
        JsonObject again = api.get("viewer-city", path).json();
        assertThat(again.getString("generatedAt")).isEqualTo(generatedAt);
        // The HTML report of the same request is rendered from the same computation.
        assertThat(api.get("viewer-city", "/assessment/report.html?quarter=2026-Q3&zone=s1").status()).isEqualTo(200);
        // Another period is another computation.
        JsonObject june = api.get("viewer-city", "/assessment?quarter=2026-Q2&zone=s1").json();
        assertThat(june.getString("generatedAt")).isNotEqualTo(generatedAt);
        assertThat(june.getString("quarter")).isEqualTo("2026-Q2");
    }

    @Test
    void anAnswerKeptForOneTokenZoneIsNeverGivenToAnother() {
        JsonObject city = api.get("viewer-city", "/assessment?quarter=2026-Q3&zone=c2").json();
        assertThat(city.getJsonObject("zone").getString("id")).isEqualTo("c2");
        for (String path : List.of("/assessment", "/assessment.csv", "/assessment/report.html")) {
            ApiHarness.Response officer = api.get("viewer-c1", path + "?quarter=2026-Q3&zone=c2");
            assertThat(officer.status()).as(path).isEqualTo(404);
        }
        // The officer's own community is computed for the officer's zone, not taken from the city's token.
        JsonObject own = api.get("viewer-c1", "/assessment?quarter=2026-Q3").json();
        assertThat(own.getJsonObject("zone").getString("id")).isEqualTo("c1");
        assertThat(own.getJsonArray("communities")).hasSize(1);
    }
}
