package org.clearway.routing.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.Problem;
import org.junit.jupiter.api.Test;

class ProblemJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    static Problem example() throws IOException {
        try (InputStream in = ProblemJsonTest.class.getResourceAsStream("/routing/example-problem.json")) {
            return new ProblemJson(new ObjectMapper()).read(in);
        }
    }

    @Test
    void readsTheDocumentedExample() throws IOException {
        Problem problem = example();
        assertThat(problem.distanceModel().kind()).isEqualTo(DistanceKind.HAVERSINE);
        assertThat(problem.stops()).hasSize(7);
        assertThat(problem.vehicles().get(0).breakRule().duration()).isEqualTo(1800);
        assertThat(problem.vehicles().get(0).endEmpty()).isTrue();
        assertThat(problem.vehicles().get(1).streams()).containsExactly("paper");
        assertThat(problem.stops().get(0).location().y()).isEqualTo(52.3850);
        assertThat(problem.facilities().get(0).unloadTime()).isEqualTo(900);
    }

    @Test
    void writerOutputReadsBackToTheSameProblem() throws IOException {
        Problem problem = example();
        ProblemJsonWriter writer = new ProblemJsonWriter(mapper);
        String once = writer.write(problem);
        Problem again = new ProblemJson(mapper).read(once);
        assertThat(writer.write(again)).isEqualTo(once);
        assertThat(again.stops()).isEqualTo(problem.stops());
        assertThat(again.vehicles()).isEqualTo(problem.vehicles());
    }

    @Test
    void explainsMissingFields() {
        String json = "{\"distance\": {\"kind\": \"EUCLIDEAN\", \"speed\": 1}, \"depots\": [], \"vehicles\": [],"
                + " \"stops\": [{\"id\": \"s1\", \"location\": {\"x\": 1, \"y\": 2}, \"demand\": {\"volume\": 1}}]}";
        assertThatThrownBy(() -> new ProblemJson(mapper).read(json))
                .isInstanceOf(ProblemFormatException.class)
                .hasMessageContaining("$.stops[0].stream is missing");
    }

    @Test
    void explainsUnknownDepot() {
        String json = "{\"distance\": {\"kind\": \"EUCLIDEAN\", \"speed\": 1}, \"depots\": [],"
                + " \"vehicles\": [{\"id\": \"t\", \"depot\": \"nowhere\", \"capacity\": {\"volume\": 1},"
                + " \"shift\": {\"start\": 0, \"end\": 10}}], \"stops\": []}";
        assertThatThrownBy(() -> new ProblemJson(mapper).read(json)).hasMessageContaining("depot 'nowhere'");
    }
}
