package org.clearway.api.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.clearway.core.config.Env;
import org.junit.jupiter.api.Test;

class AssessmentConfigTest {
    @Test
    void defaults() {
        AssessmentConfig c = AssessmentConfig.from(new Env(Map.of()));
        assertThat(c.overflowPct()).isEqualTo(100);
        assertThat(c.reportInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(c.gapCap()).isEqualTo(Duration.ofHours(2));
        assertThat(c.residualStreams()).containsExactly("residual");
        assertThat(c.timeZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void settingsFromTheEnvironmentAndClearMessages() {
        AssessmentConfig c = AssessmentConfig.from(new Env(Map.of("CLEARWAY_ASSESSMENT_RESIDUAL_STREAMS", "residual, hazardous",
                "CLEARWAY_ASSESSMENT_TIME_ZONE", "Asia/Shanghai", "CLEARWAY_ASSESSMENT_OVERFLOW_PCT", "95")));
        assertThat(c.residualStreams()).isEqualTo(List.of("residual", "hazardous"));
        assertThat(c.overflowPct()).isEqualTo(95);
        assertThatThrownBy(() -> AssessmentConfig.from(new Env(Map.of("CLEARWAY_ASSESSMENT_TIME_ZONE", "Mars/Olympus"))))
                .hasMessageContaining("CLEARWAY_ASSESSMENT_TIME_ZONE");
        assertThatThrownBy(() -> AssessmentConfig.from(new Env(Map.of("CLEARWAY_ASSESSMENT_GAP_CAP", "30d"))))
                .hasMessageContaining("CLEARWAY_ASSESSMENT_GAP_CAP").hasMessageContaining("between 1m and 7d");
        assertThatThrownBy(() -> AssessmentConfig.from(new Env(Map.of("CLEARWAY_ASSESSMENT_RESIDUAL_STREAMS", "Residual!"))))
                .hasMessageContaining("CLEARWAY_ASSESSMENT_RESIDUAL_STREAMS");
    }
}
