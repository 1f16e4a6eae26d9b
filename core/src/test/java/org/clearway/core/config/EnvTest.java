package org.clearway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
    @Test
    void readsTypedValuesWithDefaults() {
        Env env = new Env(Map.of("A", " 12 ", "D", "250ms", "I", "PT5S", "B", "yes", "E", ""));
        assertThat(env.integer("A", 1, 0, 100)).isEqualTo(12);
        assertThat(env.integer("MISSING", 7, 0, 100)).isEqualTo(7);
        assertThat(env.duration("D", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(env.duration("I", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
        assertThat(env.bool("B", false)).isTrue();
        assertThat(env.string("E", "default")).isEqualTo("default");
        assertThat(Env.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void readsDecimalsAndChoices() {
        Env env = new Env(Map.of("Q", "0.1", "S", " Grid ", "BAD", "1.5", "NAN", "NaN", "X", "hexagons"));
        assertThat(env.decimal("Q", 0.05, 0, 1)).isEqualTo(0.1);
        assertThat(env.decimal("MISSING", 0.05, 0, 1)).isEqualTo(0.05);
        assertThatThrownBy(() -> env.decimal("BAD", 0.05, 0, 1)).hasMessageContaining("BAD='1.5'")
                .hasMessageContaining("from 0.0 to 1.0");
        assertThatThrownBy(() -> env.decimal("NAN", 0.05, 0, 1)).hasMessageContaining("NAN='NaN'");
        assertThat(env.choice("S", Shape.NONE, Shape.class)).isEqualTo(Shape.GRID);
        assertThat(env.choice("MISSING", Shape.NONE, Shape.class)).isEqualTo(Shape.NONE);
        assertThatThrownBy(() -> env.choice("X", Shape.NONE, Shape.class)).hasMessageContaining("X='hexagons'")
                .hasMessageContaining("one of grid, none");
    }

    private enum Shape { GRID, NONE }

    @Test
    void namesTheVariableAndWhatItTakesWhenAValueIsBad() {
        Env env = new Env(Map.of("N", "many", "R", "500", "D", "5 parsecs", "B", "maybe"));
        assertThatThrownBy(() -> env.integer("N", 1, 0, 10)).hasMessageContaining("N='many'").hasMessageContaining("whole number");
        assertThatThrownBy(() -> env.integer("R", 1, 0, 10)).hasMessageContaining("from 0 to 10");
        assertThatThrownBy(() -> env.duration("D", Duration.ZERO)).hasMessageContaining("D='5 parsecs'");
        assertThatThrownBy(() -> env.bool("B", false)).hasMessageContaining("true or false");
    }

    @Test
    void neverPrintsPasswords() {
        DatabaseConfig db = DatabaseConfig.from(new Env(Map.of("CLEARWAY_DB_PASSWORD", "s3cret")));
        MqttConfig mqtt = MqttConfig.from(new Env(Map.of("CLEARWAY_MQTT_PASSWORD", "s3cret")));
        assertThat(db.password()).isEqualTo("s3cret");
        assertThat(db.toString()).doesNotContain("s3cret");
        assertThat(mqtt.toString()).doesNotContain("s3cret");
    }
}
