package org.clearway.api.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.clearway.api.security.TokenRegistry;
import org.clearway.core.config.Env;
import org.junit.jupiter.api.Test;

class ApiConfigTest {
    @Test
    void defaults() {
        ApiConfig config = ApiConfig.from(new Env(Map.of()));
        assertThat(config.port()).isEqualTo(8082);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.tokens().size()).isZero();
        assertThat(config.ratePerSecond()).isEqualTo(20);
        assertThat(config.burst()).isEqualTo(60);
        assertThat(config.migrate()).isTrue();
    }

    @Test
    void theMapsMaximumAgeIsOneSecondByDefaultZeroToSixty() {
        assertThat(ApiConfig.from(new Env(Map.of())).budgets().mapMaxAge()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(ApiConfig.from(new Env(Map.of("CLEARWAY_API_MAP_MAX_AGE", "0s"))).budgets().mapMaxAge()).isZero();
        assertThat(ApiConfig.from(new Env(Map.of("CLEARWAY_API_MAP_MAX_AGE", "250ms"))).budgets().mapMaxAge())
                .isEqualTo(java.time.Duration.ofMillis(250));
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("CLEARWAY_API_MAP_MAX_AGE", "61s"))))
                .hasMessageContaining("CLEARWAY_API_MAP_MAX_AGE");
    }

    @Test
    void theZonesAndAssessmentsMaximumAgesAreOneAndTenSecondsByDefault() {
        var budgets = ApiConfig.from(new Env(Map.of())).budgets();
        assertThat(budgets.zonesMaxAge()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(budgets.assessmentMaxAge()).isEqualTo(java.time.Duration.ofSeconds(10));
        var set = ApiConfig.from(new Env(Map.of("CLEARWAY_API_ZONES_MAX_AGE", "0s", "CLEARWAY_API_ASSESSMENT_MAX_AGE",
                "600s"))).budgets();
        assertThat(set.zonesMaxAge()).isZero();
        assertThat(set.assessmentMaxAge()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("CLEARWAY_API_ZONES_MAX_AGE", "61s"))))
                .hasMessageContaining("CLEARWAY_API_ZONES_MAX_AGE");
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("CLEARWAY_API_ASSESSMENT_MAX_AGE", "601s"))))
                .hasMessageContaining("CLEARWAY_API_ASSESSMENT_MAX_AGE");
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("CLEARWAY_API_ASSESSMENT_MAX_AGE", "-1s"))))
                .hasMessageContaining("CLEARWAY_API_ASSESSMENT_MAX_AGE");
    }

    @Test
    void tokensFromTheEnvironment() {
        String hash = TokenRegistry.sha256("t");
        ApiConfig config = ApiConfig.from(new Env(Map.of(ApiConfig.TOKENS, hash + "=viewer:c1", "CLEARWAY_API_PORT", "9000")));
        assertThat(config.tokens().lookup("t")).isPresent();
        assertThat(config.port()).isEqualTo(9000);
    }

    @Test
    void aBadTokenListNamesTheVariableButNotTheValue() {
        String hash = TokenRegistry.sha256("t");
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of(ApiConfig.TOKENS, hash + "=king:c1"))))
                .hasMessageContaining(ApiConfig.TOKENS).hasMessageContaining("entry 1")
                .message().doesNotContain(hash);
    }

    @Test
    void theSchemaComesFromTheUrl() {
        assertThat(ApiService.currentSchema("jdbc:postgresql://h/db?currentSchema=city_a&ssl=true")).isEqualTo("city_a");
        assertThat(ApiService.currentSchema("jdbc:postgresql://h/db")).isEqualTo("public");
    }
}
