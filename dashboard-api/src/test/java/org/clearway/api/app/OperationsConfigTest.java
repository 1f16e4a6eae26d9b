package org.clearway.api.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.clearway.core.config.Env;
import org.junit.jupiter.api.Test;

class OperationsConfigTest {
    @Test
    void defaults() {
        OperationsConfig config = ApiConfig.from(new Env(Map.of())).operations();
        assertThat(config.cityZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.sseMaxClients()).isEqualTo(50);
        assertThat(config.sseClientsPerToken()).isEqualTo(4);
        assertThat(config.ssePoll()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.sseHeartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.sseSettle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.sseGapWait()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fromTheEnvironment() {
        OperationsConfig config = OperationsConfig.from(new Env(Map.of("CLEARWAY_API_TIME_ZONE", "Asia/Shanghai",
                "CLEARWAY_API_SSE_POLL", "250ms", "CLEARWAY_API_SSE_CLIENTS_PER_TOKEN", "2")));
        assertThat(config.cityZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(config.ssePoll()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.sseClientsPerToken()).isEqualTo(2);
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> OperationsConfig.from(new Env(Map.of("CLEARWAY_API_TIME_ZONE", "Mars/Olympus"))))
                .hasMessageContaining("CLEARWAY_API_TIME_ZONE");
        assertThatThrownBy(() -> OperationsConfig.from(new Env(Map.of("CLEARWAY_API_SSE_POLL", "0ms"))))
                .hasMessageContaining("CLEARWAY_API_SSE_POLL");
        assertThatThrownBy(() -> OperationsConfig.from(new Env(Map.of("CLEARWAY_API_SSE_MAX_CLIENTS", "0"))))
                .hasMessageContaining("CLEARWAY_API_SSE_MAX_CLIENTS");
    }
}
