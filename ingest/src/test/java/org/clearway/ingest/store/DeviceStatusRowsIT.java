package org.clearway.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.clearway.core.db.Migrations;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A batch that carries the same device's status twice (a redelivered frame, two frames of one device) is written in
 * one go on a connection like the services' (batched inserts rewritten into one multi-row INSERT), where an upsert
 * may not touch a row twice: CI saw such batches refused whole before the statuses were reduced per device and bin.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeviceStatusRowsIT {
    static TestSchema schema;

    @BeforeAll
    static void start() throws Exception {
        schema = TestSchema.create("devicestatusrows");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'D1')");
            s.execute("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, sensor_offset_mm, lat, lon) VALUES "
                    + "('b1', 'd1', 'residual', 240, 1000, 0, 31.2, 121.4)");
            s.execute("INSERT INTO devices (id, model, source) VALUES ('24e124126b316403', 'milesight-em310-udl', 'chirpstack')");
        }
    }

    @AfterAll
    static void stop() {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void theSameDeviceTwiceInOneBatchKeepsItsNewestStatusAndCountsBothLowReadings() throws Exception {
        Instant first = Instant.parse("2026-11-28T08:00:00Z");
        Instant later = first.plusSeconds(600);
        DeviceStatus low = status(first, 12.0);
        DeviceStatus repeat = status(first, 12.0);
        DeviceStatus newer = status(later, 11.0);
        Properties props = new Properties();
        props.setProperty("user", schema.endpoint().user());
        props.setProperty("password", schema.endpoint().password());
        props.setProperty("reWriteBatchedInserts", "true");
        try (Connection c = DriverManager.getConnection(schema.jdbcUrl(), props)) {
            c.setAutoCommit(false);
            DeviceStatusRows.write(c, List.of(newer, low, repeat));
            c.commit();
        }
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT measured_at, battery_pct FROM device_status")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(later);
                assertThat(rs.getDouble(2)).isEqualTo(11.0);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM device_status_history")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT bin_id, occurrences, last_seen_at FROM alarms WHERE kind = 'low_battery'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("b1");
                assertThat(rs.getInt(2)).isEqualTo(3);
                assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(later);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private static DeviceStatus status(Instant at, double pct) {
        return new DeviceStatus("24e124126b316403", at, DeviceStatus.FRAME, at.plusSeconds(5), "b1", pct, null, null,
                false, true);
    }
}
