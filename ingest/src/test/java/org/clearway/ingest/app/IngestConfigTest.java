package org.clearway.ingest.app;

import static org.assertj.core.api.Assertions.assertThat;

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
    void noneAsksForAPlainSubscription() {
        assertThat(shareGroup(Map.of("CLEARWAY_INGEST_SHARE_GROUP", "none"))).isEmpty();
        assertThat(shareGroup(Map.of("CLEARWAY_INGEST_SHARE_GROUP", " None "))).isEmpty();
        assertThat(shareGroup(Map.of("CLEARWAY_INGEST_SHARE_GROUP", "replicas"))).isEqualTo("replicas");
    }
}
