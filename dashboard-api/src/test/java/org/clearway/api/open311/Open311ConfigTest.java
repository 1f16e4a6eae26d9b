package org.clearway.api.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.clearway.core.config.Env;
import org.junit.jupiter.api.Test;

class Open311ConfigTest {
    @Test
    void defaults() {
        Open311Config c = Open311Config.from(new Env(Map.of()));
        assertThat(c.postBurst()).isEqualTo(5);
        assertThat(c.postsPerHour()).isEqualTo(20);
        assertThat(c.readBurst()).isEqualTo(60);
        assertThat(c.readsPerSecond()).isEqualTo(5);
        assertThat(c.trustForwardedFor()).isFalse();
        assertThat(c.binRadiusMetres()).isEqualTo(30);
        assertThat(c.dueWithin()).isEqualTo(Duration.ofHours(24));
        assertThat(c.agency()).isEqualTo("City waste collection");
    }

    @Test
    void aBadValueNamesItsVariable() {
        assertThatThrownBy(() -> Open311Config.from(new Env(Map.of("CLEARWAY_OPEN311_BIN_RADIUS_M", "5000"))))
                .hasMessageContaining("CLEARWAY_OPEN311_BIN_RADIUS_M");
        assertThatThrownBy(() -> Open311Config.from(new Env(Map.of("CLEARWAY_OPEN311_DUE_WITHIN", "60d"))))
                .hasMessageContaining("CLEARWAY_OPEN311_DUE_WITHIN");
    }
}
