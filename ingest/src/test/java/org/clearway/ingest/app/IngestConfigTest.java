package org.clearway.ingest.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.clearway.core.config.Env;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
    private static String shareGroup(Map<String, String> vars) {
        return IngestConfig.from(new Env(vars)).shareGroup();
    }

    @Test
    void theShareGroupDefaultsToClearwayIngestAlsoWhenEmpty() {
        assertThat(shareGroup(Map.of())).isEqualTo("clearway-ingest");
        assertThat(shareGroup(Map.of("CLEARWAY_INGEST_SHARE_GROUP", ""))).isEqualTo("clearway-ingest");
    }

    @Test
    void threeWritersByDefaultAndThePoolSizedFromTheWritersUnlessSet() {
        IngestConfig defaults = IngestConfig.from(new Env(Map.of()));
        assertThat(defaults.writers()).isEqualTo(3);
        assertThat(defaults.database().poolSize()).isEqualTo(6);
        assertThat(defaults.inflight()).isEqualTo(2_000);
        assertThat(IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_WRITERS", "5"))).database().poolSize()).isEqualTo(8);
        IngestConfig set = IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_WRITERS", "5", "CLEARWAY_DB_POOL_SIZE", "4")));
        assertThat(set.database().poolSize()).isEqualTo(4);
        assertThat(set.writers()).isEqualTo(5);
    }

    @Test
    void noneAsksForAPlainSubscription() {
        assertThat(shareGroup(Map.of("CLEARWAY_INGEST_SHARE_GROUP", "none"))).isEmpty();
        assertThat(shareGroup(Map.of("CLEARWAY_INGEST_SHARE_GROUP", " None "))).isEmpty();
        assertThat(shareGroup(Map.of("CLEARWAY_INGEST_SHARE_GROUP", "replicas"))).isEqualTo("replicas");
    }

    @Test
    void theFloodCeilingDefaultsTo1000PerWindowAndIsNeverBelowTheFloor() {
        assertThat(IngestConfig.from(new Env(Map.of())).sensorLimits().ceilingPerWindow()).isEqualTo(1_000);
        assertThat(IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_SENSOR_CEILING", "5000")))
                .sensorLimits().ceilingPerWindow()).isEqualTo(5_000);
        assertThat(IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_SENSOR_FLOOR", "2000")))
                .sensorLimits().ceilingPerWindow()).isEqualTo(2_000);
        assertThatThrownBy(() -> IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_SENSOR_FLOOR", "50",
                "CLEARWAY_INGEST_SENSOR_CEILING", "40")))).hasMessageContaining("CLEARWAY_INGEST_SENSOR_CEILING");
    }

    @Test
    void anHttpSourceOfANetworkServerNeedsALongSecretAndHidesIt() {
        assertThatThrownBy(() -> IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_SOURCES", "contract,chirpstack-http"))))
                .hasMessageContaining("CLEARWAY_INGEST_CHIRPSTACK_SECRET");
        assertThatThrownBy(() -> IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_SOURCES", "tts-http",
                "CLEARWAY_INGEST_TTS_SECRET", "short")))).hasMessageContaining("CLEARWAY_INGEST_TTS_SECRET");
        IngestConfig c = IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_SOURCES", "contract, tts-http, http",
                "CLEARWAY_INGEST_TTS_SECRET", "a-secret-of-some-length")));
        assertThat(c.sources().names()).containsExactly("contract", "tts-http", "http");
        assertThat(c.httpSources().tts()).isTrue();
        assertThat(c.httpSources().devices()).isTrue();
        assertThat(c.httpSources().chirpstack()).isFalse();
        assertThat(c.httpSources().port()).isEqualTo(8084);
        assertThat(c.httpSources().toString()).doesNotContain("a-secret-of-some-length");
    }

    @Test
    void severalMqttSourcesAtOnceAndChirpStacksStatusTopicWithIt() {
        UplinkSources all = IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_SOURCES", " contract, ChirpStack ,tts",
                "CLEARWAY_TOPIC_PREFIX", "city-a/"))).sources();
        assertThat(all.topics()).containsExactly(Map.entry("contract", "city-a/bins/#"),
                Map.entry("chirpstack", "application/+/device/+/event/up"), Map.entry("tts", "v3/+/devices/+/up"));
        assertThat(all.chirpstackStatusTopic()).isEqualTo("application/+/device/+/event/status");
        assertThat(IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_SOURCES", "chirpstack",
                "CLEARWAY_INGEST_CHIRPSTACK_STATUS_TOPIC", "none"))).sources().chirpstackStatusTopic()).isNull();
        assertThat(IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_SOURCES", "contract,tts"))).sources()
                .chirpstackStatusTopic()).isNull();
        assertThatThrownBy(() -> IngestConfig.from(new Env(Map.of("CLEARWAY_INGEST_SOURCES", "contract,lora"))))
                .hasMessageContaining("unknown source 'lora'");
    }
}
