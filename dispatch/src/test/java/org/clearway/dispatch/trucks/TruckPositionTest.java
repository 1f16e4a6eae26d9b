package org.clearway.dispatch.trucks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TruckPositionTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    private static TruckPosition parse(String json) {
        return TruckPosition.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void readsEveryFieldAndIgnoresUnknownOnes() {
        TruckPosition p = parse("{\"version\":1,\"ts\":\"2026-11-28T15:59:30+08:00\",\"lat\":31.2295,\"lon\":121.4688,"
                + "\"speedKmh\":18.5,\"headingDeg\":270,\"loadPct\":35,\"odometerKm\":12000}");

        assertThat(p).isEqualTo(new TruckPosition(Instant.parse("2026-11-28T07:59:30Z"), 31.2295, 121.4688, 18.5, 270.0, 35.0));
    }

    @Test
    void optionalFieldsMayBeAbsentOrNull() {
        TruckPosition p = parse("{\"version\":1,\"ts\":\"2026-11-28T07:59:30Z\",\"lat\":-90,\"lon\":180,\"speedKmh\":null}");

        assertThat(p).isEqualTo(new TruckPosition(Instant.parse("2026-11-28T07:59:30Z"), -90, 180, null, null, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"version\":2,\"ts\":\"2026-11-28T07:59:30Z\",\"lat\":1,\"lon\":1}                  | version must be 1",
        "{\"ts\":\"2026-11-28T07:59:30Z\",\"lat\":1,\"lon\":1}                                | version must be 1",
        "{\"version\":1,\"ts\":\"2026-11-28 07:59:30\",\"lat\":1,\"lon\":1}                   | ts must be an RFC 3339 time",
        "{\"version\":1,\"ts\":\"2026-11-28T08:05:01Z\",\"lat\":1,\"lon\":1}                  | is more than 5 minutes ahead",
        "{\"version\":1,\"ts\":\"2026-11-28T07:59:30Z\",\"lat\":90.5,\"lon\":1}               | lat must be a number from -90 to 90",
        "{\"version\":1,\"ts\":\"2026-11-28T07:59:30Z\",\"lat\":1,\"lon\":-180.1}             | lon must be a number from -180 to 180",
        "{\"version\":1,\"ts\":\"2026-11-28T07:59:30Z\",\"lat\":\"1\",\"lon\":1}              | lat must be a number",
        "{\"version\":1,\"ts\":\"2026-11-28T07:59:30Z\",\"lon\":1}                            | lat and lon are required",
        "{\"version\":1,\"ts\":\"2026-11-28T07:59:30Z\",\"lat\":1,\"lon\":1,\"speedKmh\":-1}   | speedKmh must be a number from 0",
        "{\"version\":1,\"ts\":\"2026-11-28T07:59:30Z\",\"lat\":1,\"lon\":1,\"headingDeg\":360} | headingDeg must be a number from 0 to below 360",
        "{\"version\":1,\"ts\":\"2026-11-28T07:59:30Z\",\"lat\":1,\"lon\":1,\"loadPct\":100.5} | loadPct must be a number from 0 to 100",
        "{\"version\":1,\"ts\":\"2026-11-28T07:59:30Z\",\"lat\":1,\"lat\":2,\"lon\":1}        | not valid JSON",
        "[1,2]                                                                               | must be a JSON object",
        "not json                                                                            | not valid JSON",
    })
    void refusesWhatTheProtocolDoesNotAllowSayingWhy(String json, String reason) {
        assertThatThrownBy(() -> parse(json.strip())).isInstanceOf(TruckPosition.BadPositionException.class)
                .hasMessageContaining(reason.strip());
    }

    @Test
    void refusesAPayloadOver16KiB() {
        byte[] big = new byte[TruckUpdate.MAX_BYTES + 1];
        assertThatThrownBy(() -> TruckPosition.parse(big, NOW)).hasMessageContaining("maximum is 16384");
    }
}
