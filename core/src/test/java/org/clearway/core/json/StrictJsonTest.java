package org.clearway.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
    private final ObjectMapper json = StrictJson.mapper(4, 20);

    @Test
    void aRepeatedKeyIsAnErrorNotTheLastOneWins() {
        assertThatThrownBy(() -> json.readValue("{\"a\":1,\"a\":2}", Object.class))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void trailingDataNestingAndTokensAreCapped() throws Exception {
        assertThatThrownBy(() -> json.readValue("{} {}", Object.class)).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> json.readValue("[[[[[1]]]]]", Object.class)).isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> json.readValue("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]", Object.class))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("Token count");
        Map<?, ?> ok = (Map<?, ?>) json.readValue("{\"a\":[1,2],\"b\":\"x\"}", Object.class);
        assertThat(ok.get("a")).isEqualTo(java.util.List.of(1, 2));
        assertThat(ok.get("b")).isEqualTo("x");
    }
}
