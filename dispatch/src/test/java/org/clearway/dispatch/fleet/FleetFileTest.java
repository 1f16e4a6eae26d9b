package org.clearway.dispatch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetFileTest {

    private static final String DEPOT = """
            {"id": "d1", "kind": "depot", "name": "Depot", "lat": 31.2, "lon": 121.4}""";
    private static final String TRUCK = """
            {"id": "t1", "depot": "d1", "streams": ["residual"], "capacityVolumeL": 1000, "capacityWeightKg": 500,
             "shiftStart": "06:00", "shiftEnd": "14:00"}""";

    @Test
    void theDemoFleetHasTwoDepotsATransferStationATreatmentPlantAndSixTrucks() {
        Fleet fleet = FleetFile.demo();

        assertThat(fleet.facilities()).extracting(FleetFacility::kind).containsExactly(FacilityKind.DEPOT,
                FacilityKind.DEPOT, FacilityKind.TRANSFER_STATION, FacilityKind.TREATMENT_PLANT);
        assertThat(fleet.trucks()).hasSize(6);
        assertThat(fleet.trucks()).flatExtracting(Truck::streams)
                .contains("residual", "recyclable", "kitchen", "hazardous");
        FleetFacility plant = fleet.facilities().get(3);
        assertThat(plant.opens()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(plant.closes()).isEqualTo(LocalTime.MAX);
        assertThat(fleet.trucks().get(5).status()).isEqualTo(TruckStatus.MAINTENANCE);
        assertThat(fleet.trucks().get(0).status()).isEqualTo(TruckStatus.ACTIVE);
    }

    @Test
    void aMinimalFileUsesTheDefaults() throws IOException {
        Fleet fleet = read("{\"version\": 1, \"facilities\": [" + DEPOT + "], \"trucks\": [" + TRUCK + "]}");

        assertThat(fleet.facilities().get(0).acceptedStreams()).isEmpty();
        assertThat(fleet.facilities().get(0).opens()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(fleet.trucks().get(0)).isEqualTo(new Truck("t1", "d1", java.util.List.of("residual"), 1000, 500,
                LocalTime.of(6, 0), LocalTime.of(14, 0), TruckStatus.ACTIVE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top field      | {\"version\": 1, \"facilities\": [], \"trucks\": [], \"extra\": 1}          | unknown field 'extra'",
        "wrong version          | {\"version\": 2, \"facilities\": [], \"trucks\": []}                        | version 2 is not supported",
        "duplicate key          | {\"version\": 1, \"version\": 1, \"facilities\": [], \"trucks\": []}        | not valid JSON",
        "missing trucks         | {\"version\": 1, \"facilities\": []}                                       | trucks is missing",
        "bad kind               | {\"version\": 1, \"facilities\": [{\"id\": \"x\", \"kind\": \"dump\", \"name\": \"X\", \"lat\": 1, \"lon\": 1}], \"trucks\": []} | facilities[0]: kind 'dump' is not one of",
        "depot with streams     | {\"version\": 1, \"facilities\": [{\"id\": \"x\", \"kind\": \"depot\", \"name\": \"X\", \"lat\": 1, \"lon\": 1, \"acceptedStreams\": [\"residual\"]}], \"trucks\": []} | a depot accepts no waste",
        "station without stream | {\"version\": 1, \"facilities\": [{\"id\": \"x\", \"kind\": \"transfer_station\", \"name\": \"X\", \"lat\": 1, \"lon\": 1}], \"trucks\": []} | must accept at least one stream",
        "latitude out of range  | {\"version\": 1, \"facilities\": [{\"id\": \"x\", \"kind\": \"depot\", \"name\": \"X\", \"lat\": 91, \"lon\": 1}], \"trucks\": []} | lat must be a number from -90.0 to 90.0",
        "closes before opens    | {\"version\": 1, \"facilities\": [{\"id\": \"x\", \"kind\": \"depot\", \"name\": \"X\", \"lat\": 1, \"lon\": 1, \"opens\": \"22:00\", \"closes\": \"06:00\"}], \"trucks\": []} | closes must be after opens",
        "24:00 as opening       | {\"version\": 1, \"facilities\": [{\"id\": \"x\", \"kind\": \"depot\", \"name\": \"X\", \"lat\": 1, \"lon\": 1, \"opens\": \"24:00\"}], \"trucks\": []} | 24:00 is only allowed as an end time",
    })
    void badFilesAreRefusedWithTheItemAndField(String name, String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(FleetFile.FleetFileException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truck id with a dot    | \"id\": \"t1\"                    | \"id\": \"t.1\"                    | id 't.1' must be",
        "depot not in the file  | \"depot\": \"d1\"                 | \"depot\": \"d9\"                  | depot 'd9' is not a depot of this file",
        "no streams             | \"streams\": [\"residual\"]       | \"streams\": []                    | collects at least one stream",
        "zero capacity          | \"capacityVolumeL\": 1000         | \"capacityVolumeL\": 0             | capacityVolumeL must be a number from above 0",
        "shift ends first       | \"shiftEnd\": \"14:00\"           | \"shiftEnd\": \"05:00\"            | shiftEnd must be after shiftStart",
        "bad time               | \"shiftStart\": \"06:00\"         | \"shiftStart\": \"6 am\"           | '6 am' is not a time of day",
        "bad status             | \"shiftEnd\": \"14:00\"           | \"shiftEnd\": \"14:00\", \"status\": \"lost\" | status 'lost' is not one of",
    })
    void badTrucksAreRefusedWithTheItemAndField(String name, String field, String replacement, String message) {
        String json = "{\"version\": 1, \"facilities\": [" + DEPOT + "], \"trucks\": [" + TRUCK.replace(field, replacement) + "]}";
        assertThatThrownBy(() -> read(json)).isInstanceOf(FleetFile.FleetFileException.class)
                .hasMessageContaining("trucks[0]").hasMessageContaining(message);
    }

    @Test
    void idsAreUnique() {
        String json = "{\"version\": 1, \"facilities\": [" + DEPOT + "], \"trucks\": [" + TRUCK + ", " + TRUCK + "]}";
        assertThatThrownBy(() -> read(json)).hasMessageContaining("truck id 't1' appears twice");
    }

    private static Fleet read(String json) throws IOException {
        return FleetFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}
