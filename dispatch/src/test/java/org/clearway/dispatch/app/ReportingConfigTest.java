package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.clearway.core.config.Env;
import org.clearway.dispatch.reporting.ReportingSettings;
import org.junit.jupiter.api.Test;

class ReportingConfigTest {

    @Test
    void offByDefaultWithTheBatterySavingIntervals() {
        ReportingSettings s = ReportingConfig.from(new Env(Map.of()));
        assertThat(s.adaptive()).isFalse();
        assertThat(s.every()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.intervals().fast()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.intervals().normal()).isEqualTo(Duration.ofHours(2));
        assertThat(s.intervals().slow()).isEqualTo(Duration.ofHours(4));
        assertThat(s.chirpstackApplication()).isEmpty();
        assertThat(s.ttsApplication()).isEmpty();
    }

    @Test
    void adaptiveWithItsOwnIntervalsAndApplications() {
        ReportingSettings s = ReportingConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_REPORTING", "adaptive",
                "CLEARWAY_DISPATCH_REPORTING_FAST", "30m", "CLEARWAY_DISPATCH_REPORTING_NORMAL", "2h",
                "CLEARWAY_DISPATCH_CHIRPSTACK_APPLICATION", "app-1", "CLEARWAY_DISPATCH_TTS_APPLICATION", "bins@city")));
        assertThat(s.adaptive()).isTrue();
        assertThat(s.intervals().fast()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.intervals().normal()).isEqualTo(Duration.ofHours(2));
        assertThat(s.chirpstackApplication()).isEqualTo("app-1");
        assertThat(s.ttsApplication()).isEqualTo("bins@city");
        assertThat(DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_REPORTING", "adaptive"))).reporting().adaptive())
                .isTrue();
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> ReportingConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_REPORTING", "sometimes"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_REPORTING");
        assertThatThrownBy(() -> ReportingConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_REPORTING_FAST", "5h"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_REPORTING_FAST");
        assertThatThrownBy(() -> ReportingConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_REPORTING_EVERY", "0s"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_REPORTING_EVERY");
    }
}
