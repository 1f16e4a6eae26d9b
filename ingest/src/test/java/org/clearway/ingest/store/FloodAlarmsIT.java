package org.clearway.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clearway.core.db.Migrations;
import org.clearway.ingest.pipeline.SensorRateLimiter;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.clearway.ingest.message.Flood;

/** A flooding network-server device raises the {@code flooding} alarm of the bin it is on now (issue 14). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FloodAlarmsIT {
    static TestSchema schema;

    @BeforeAll
    static void start() throws Exception {
        schema = TestSchema.create("floodalarms");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'D1')");
            s.execute("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, sensor_offset_mm, lat, lon) VALUES "
                    + "('old-bin', 'd1', 'residual', 240, 1000, 0, 31.2, 121.4), ('new-bin', 'd1', 'residual', 240, 1000, 0, 31.2, 121.4)");
            s.execute("INSERT INTO devices (id, model, source) VALUES ('24e124126b316403', 'milesight-em310-udl', 'chirpstack')");
            s.execute("INSERT INTO device_assignments (device_id, bin_id, valid_from, valid_to) VALUES "
                    + "('24e124126b316403', 'old-bin', now() - interval '2 hours', now() - interval '1 hour'), "
                    + "('24e124126b316403', 'new-bin', now() - interval '1 hour', NULL)");
        }
    }

    @AfterAll
    static void stop() {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void aFloodingDeviceRaisesTheAlarmOfTheBinItIsOnNow() throws Exception {
        Instant at = Instant.parse("2026-11-28T08:00:00Z");
        new FloodAlarms(schema.dataSource()).raise(List.of(
                new Flood(SensorRateLimiter.deviceKey("24e124126b316403"), at, at, 180, 0, 20, 200),
                new Flood(SensorRateLimiter.deviceKey("not-registered"), at, at, 50, 0, 20, 70)));
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT bin_id, occurrences, detail FROM alarms WHERE kind = 'flooding'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("new-bin");
            assertThat(rs.getInt(2)).isEqualTo(180);
            assertThat(rs.getString(3)).startsWith("device:24e124126b316403 sent 200 messages");
            assertThat(rs.next()).isFalse();
        }
    }
}
