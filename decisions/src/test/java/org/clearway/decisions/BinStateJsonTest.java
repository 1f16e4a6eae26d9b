package org.clearway.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import org.junit.jupiter.api.Test;

/** The state is a plain record tree: it goes to JSON and back unchanged, and the bin carries on as if never stored. */
class BinStateJsonTest {

    /** Instants as ISO-8601 strings (the module has no jackson-datatype-jsr310). */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(Instant.class, ToStringSerializer.instance)
            .addDeserializer(Instant.class, new StdScalarDeserializer<Instant>(Instant.class) {
                @Override
                public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                    return Instant.parse(parser.getValueAsString());
                }
            }));

    @Test
    void aWeekOldStateSurvivesJsonAndDecidesTheSameAfterwards() throws IOException {
        BinRun original = BinRun.residual().closingJobsAtOnce();
        Random noise = new Random(17);
        double level = 5;
        for (int i = 0; i < 7 * 96; i++) {
            level = level > 85 ? 3 : level + 0.4;
            original.read(level + noise.nextGaussian());
        }
        BinState state = original.state();

        String json = JSON.writeValueAsString(state);
        BinState restored = JSON.readValue(json, BinState.class);

        assertThat(restored).isEqualTo(state);
        assertThat(state.forecast()).isNotNull();
        assertThat(json.length()).as("stored per bin").isLessThan(16_000);

        BinDecisionEngine engine = original.engine();
        BinFacts facts = new BinFacts("bin-1", "residual", null, "zone-a", List.of());
        BinReading next = BinReading.of("bin-1", original.at().plus(Duration.ofMinutes(15)), 90);
        assertThat(engine.decide(restored, DecisionInput.of(next, facts)))
                .isEqualTo(engine.decide(state, DecisionInput.of(next, facts)));
    }
}
