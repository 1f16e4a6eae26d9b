package org.clearway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.clearway.dispatch.fleet.FacilityKind;
import org.clearway.dispatch.fleet.Fleet;
import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.FleetFile;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.CityGenerator;
import org.clearway.simulator.city.StreamSpec;
import org.junit.jupiter.api.Test;

/** Issue 12: {@code --lab-city} runs the lab's city, depots, facilities and fleet. */
class LabCityTest {
    private static final Instant NOW = Instant.parse("2026-12-07T19:00:00Z");

    @Test
    void theCityStartsOnTheNextMondayAtMidnightUtcAsTheLabsDayZero() {
        assertThat(LabCity.weekStart(NOW)).isEqualTo(Instant.parse("2026-12-14T00:00:00Z"));
        assertThat(LabCity.weekStart(Instant.parse("2026-12-14T00:00:00Z"))).isEqualTo(Instant.parse("2026-12-14T00:00:00Z"));
        assertThat(LabCity.weekStart(Instant.parse("2026-12-13T23:59:59Z"))).isEqualTo(Instant.parse("2026-12-14T00:00:00Z"));
    }

    @Test
    void theFleetIsTheLabsTrucksPerDistrictAndStreamAtItsDepotsWithItsFacilities() throws Exception {
        LabCity lab = new LabCity(2, 60);
        Simulation simulation = lab.sensors(Simulation.builder().seed(5).bins(300).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .speed(1)).build();
        City model = simulation.city().model();
        City labCity = City.generate(new CityConfig(5, 300, StreamSpec.registered(), 2));
        assertThat(model.bins()).as("the lab's city for --streams residual,recyclable,kitchen,hazardous")
                .isEqualTo(labCity.bins());

        Fleet fleet = FleetFile.read(new ByteArrayInputStream(lab.fleetJson(model, simulation.settings().city())
                .getBytes(StandardCharsets.UTF_8)), "lab city");

        assertThat(fleet.trucks()).hasSize(4 * 4 * 2);
        Truck first = fleet.trucks().get(0);
        assertThat(first.id()).isEqualTo("truck-d1-residual-1");
        assertThat(first.depotId()).isEqualTo("depot-0");
        assertThat(first.streams()).containsExactly("residual");
        assertThat(first.capacityVolumeL()).isEqualTo(60_000);
        assertThat(first.capacityWeightKg()).isEqualTo(10_000);
        assertThat(first.shiftStart()).isEqualTo(LocalTime.of(6, 0));
        assertThat(first.shiftEnd()).isEqualTo(LocalTime.of(14, 0));
        assertThat(fleet.trucks()).filteredOn(t -> t.streams().contains("hazardous")).hasSize(8)
                .allSatisfy(t -> assertThat(t.capacityVolumeL()).isEqualTo(8_000));
        assertThat(fleet.facilities()).filteredOn(f -> f.kind() == FacilityKind.DEPOT).hasSize(4);
        FleetFacility transfer = fleet.facilities().stream().filter(f -> f.id().equals(StreamSpec.TRANSFER_STATION))
                .findFirst().orElseThrow();
        assertThat(transfer.acceptedStreams()).containsExactlyInAnyOrder("residual", "kitchen", "hazardous");
        assertThat(transfer.opens()).isEqualTo(LocalTime.of(5, 0));
        assertThat(transfer.closes()).isEqualTo(LocalTime.of(20, 0));
        City.Site depot = model.depots().get(0);
        double[] at = CityGenerator.latLon(simulation.settings().city(), model, depot.x(), depot.y());
        FleetFacility depot0 = fleet.facilities().get(0);
        assertThat(new double[] {depot0.lat(), depot0.lon()}).containsExactly(at);
    }

    @Test
    void theSensorsAreTheLabsAndNothingButTrucksEmptiesABin() {
        Simulation simulation = new LabCity(2, 60).sensors(Simulation.builder().seed(5).bins(10)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).speed(1)).build();
        assertThat(simulation.settings().sensors().standIns()).isFalse();
        assertThat(simulation.settings().sensors().reportInterval()).hasMinutes(60);
        assertThat(simulation.settings().sensors().outageShare()).isZero();
        assertThat(simulation.settings().sensors().alarmRate()).isZero();
        assertThat(simulation.settings().sensors().initialFill()).isEqualTo(70);
        assertThat(simulation.settings().sensors().zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(simulation.devices()).as("contract sensors only").isEmpty();
        assertThat(LabCity.DRIVING.grid()).isTrue();
        assertThat(LabCity.DRIVING.onSchedule()).isTrue();
        assertThat(LabCity.DRIVING.speedKmh()).isEqualTo(21.6);
    }

    @Test
    void aReportPeriodIsAMultipleOfTheLabsStep() {
        assertThatThrownBy(() -> new LabCity(2, 20)).hasMessageContaining("--report-minutes");
        assertThatThrownBy(() -> new LabCity(0, 60)).hasMessageContaining("--trucks");
    }
}
