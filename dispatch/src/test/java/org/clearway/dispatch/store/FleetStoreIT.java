package org.clearway.dispatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.List;

import javax.sql.DataSource;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.fleet.FacilityKind;
import org.clearway.dispatch.fleet.Fleet;
import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.FleetFile;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.dispatch.fleet.TruckStatus;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fleet file into the real schema, twice, and the schema's own checks on what it refers to. */
class FleetStoreIT {

    private static TestSchema schema;
    private static DataSource db;
    private final FleetStore fleet = new FleetStore();

    @BeforeAll
    static void schema() {
        schema = DispatchTestDb.migratedSchema("dispatch_fleet");
        db = schema.dataSource();
    }

    @AfterAll
    static void drop() {
        schema.close();
    }

    @Test
    void theDemoFleetIsStoredAndReadBackAndAReloadUpdatesInPlace() throws SQLException {
        Fleet demo = FleetFile.demo();
        try (Connection c = db.getConnection()) {
            fleet.upsert(c, demo);
            fleet.upsert(c, demo);
            assertThat(fleet.facilities(c)).containsExactlyInAnyOrderElementsOf(demo.facilities());
            assertThat(fleet.trucks(c)).containsExactlyInAnyOrderElementsOf(demo.trucks());

            Truck moved = new Truck("truck-n1", "depot-south", List.of("residual"), 18000, 9000, LocalTime.of(6, 0),
                    LocalTime.of(14, 0), TruckStatus.RETIRED);
            fleet.upsert(c, new Fleet(List.of(), List.of(moved)));
            assertThat(fleet.truck(c, "truck-n1")).contains(moved);
            assertThat(fleet.trucks(c)).hasSize(6);
        }
        assertThat(DispatchTestDb.column(db, "SELECT close_time::text FROM facilities WHERE id = 'plant-west'"))
                .containsExactly("24:00:00");
    }

    @Test
    void theSchemaRefusesUnknownStreamsAndHomesThatAreNotDepots() throws SQLException {
        try (Connection c = db.getConnection()) {
            fleet.upsert(c, FleetFile.demo());
            FleetFacility station = new FleetFacility("station-x", FacilityKind.TRANSFER_STATION, "X", 31, 121,
                    List.of("plastics"), LocalTime.MIDNIGHT, LocalTime.MAX);
            assertThatThrownBy(() -> fleet.upsert(c, new Fleet(List.of(station), List.of())))
                    .isInstanceOf(SQLException.class).hasMessageContaining("unknown waste streams {plastics}");

            Truck homeless = new Truck("truck-x", "transfer-east", List.of("residual"), 1, 1, LocalTime.of(6, 0),
                    LocalTime.of(7, 0), TruckStatus.ACTIVE);
            assertThatThrownBy(() -> fleet.upsert(c, new Fleet(List.of(), List.of(homeless))))
                    .isInstanceOf(SQLException.class).hasMessageContaining("not a depot");

            assertThatThrownBy(() -> c.createStatement().execute("DELETE FROM waste_streams WHERE code = 'kitchen'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("used by facilities or trucks");
        }
    }
}
