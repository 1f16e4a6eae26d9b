package org.clearway.routing.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.routing.model.Load;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Vehicle;
import org.junit.jupiter.api.Test;

/** {@code shiftCap} and {@code maxStops} in the problem format: read, written back, and bad values explained. */
class ShiftRulesJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private static String problem(String vehicleExtra) {
        return """
                {"distance": {"kind": "EUCLIDEAN", "speed": 1},
                 "depots": [{"id": "depot", "location": {"x": 0, "y": 0}}],
                 "vehicles": [{"id": "t", "depot": "depot", "capacity": {"volume": 10, "weight": 5},
                               "shift": {"start": 0, "end": 100}%s}],
                 "stops": [{"id": "s", "location": {"x": 1, "y": 0}, "stream": "residual", "demand": {"volume": 1}}]}
                """.formatted(vehicleExtra);
    }

    @Test
    void readsTheCapAndTheLimitAndWritesThemBack() {
        Problem problem = new ProblemJson(mapper).read(problem(", \"shiftCap\": {\"volume\": 25}, \"maxStops\": 40"));
        Vehicle truck = problem.vehicles().get(0);
        assertThat(truck.shiftCap()).isEqualTo(new Load(25, Vehicle.NO_CAP));
        assertThat(truck.maxStops()).isEqualTo(40);

        Problem again = new ProblemJson(mapper).read(new ProblemJsonWriter(mapper).write(problem));
        assertThat(again.vehicles()).isEqualTo(problem.vehicles());
    }

    @Test
    void withoutThemATruckHasNoCapAndNoLimit() {
        Vehicle truck = new ProblemJson(mapper).read(problem("")).vehicles().get(0);
        assertThat(truck.shiftCap()).isNull();
        assertThat(truck.maxStops()).isZero();
        assertThat(truck.withinShiftCap(new Load(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2))).isTrue();
        assertThat(truck.withinStopLimit(1_000_000)).isTrue();
    }

    @Test
    void explainsBadValues() {
        assertThatThrownBy(() -> new ProblemJson(mapper).read(problem(", \"maxStops\": 0")))
                .isInstanceOf(ProblemFormatException.class).hasMessageContaining("$.vehicles[0].maxStops");
        assertThatThrownBy(() -> new ProblemJson(mapper).read(problem(", \"shiftCap\": 12")))
                .isInstanceOf(ProblemFormatException.class).hasMessageContaining("$.vehicles[0].shiftCap");
        assertThatThrownBy(() -> new ProblemJson(mapper).read(problem(", \"shiftCap\": {\"weight\": -1}")))
                .isInstanceOf(ProblemFormatException.class).hasMessageContaining("$.vehicles[0]");
    }
}
