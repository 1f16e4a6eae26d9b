package org.clearway.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.core.db.Migrations;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.ingest.message.Envelope;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch's statements: readings alone are one statement in autocommit (the bins' states a CTE of the readings'
 * insert), committed when {@link TelemetryStore#store} returns, all or nothing; a batch with a rejection is one
 * transaction with it.
 */
class TelemetryStoreIT {
    static TestSchema schema;
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void start() throws Exception {
        schema = TestSchema.create("telstore");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        sql("SELECT clearway_ensure_reading_partitions(current_date - 2, current_date + 2)");
        sql("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'D1'), "
                + "('s1', 'd1', 'street', 'S1'), ('c1', 's1', 'community', 'C1')");
        sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, sensor_offset_mm, lat, lon) "
                + "SELECT id, 'c1', 'residual', 240, 1000, 0, 31.2, 121.4 FROM unnest(ARRAY['t1', 't2', 't3', 't4']) id");
    }

    @AfterAll
    static void stop() {
        if (schema != null) {
            schema.close();
        }
    }

    private static TelemetryStore store() {
        return new TelemetryStore(new BinDirectory(Duration.ofSeconds(60), Duration.ofSeconds(5)), null, true);
    }

    private static Envelope reading(int id, String bin, Instant at, double fill) {
        InboundMessage m = new InboundMessage("bins/" + bin + "/telemetry", "{}".getBytes(StandardCharsets.UTF_8), 1, id,
                false, NOW, 0);
        return new Envelope(m, new DecodedMessage(bin, List.of(new Reading(bin, at, fill, null, (long) id, 90.0, null,
                null, null, List.of())), List.of()));
    }

    @Test
    void readingsAloneAreCommittedWithTheNewestStateOfEachBinBeforeStoreReturns() throws Exception {
        StoreResult result;
        try (Connection c = schema.dataSource().getConnection()) {
            result = store().store(c, List.of(reading(1, "t1", NOW.minusSeconds(20), 10), reading(2, "t2",
                    NOW.minusSeconds(15), 20), reading(3, "t1", NOW.minusSeconds(10), 30)));
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(result.stored()).isEqualTo(3);
        // Read on another connection: committed, not held in an open transaction.
        assertThat(count("SELECT count(*) FROM readings WHERE bin_id IN ('t1', 't2')")).isEqualTo(3);
        assertThat(count("SELECT round(fill_pct) FROM bin_state WHERE bin_id = 't1'")).isEqualTo(30);
        assertThat(count("SELECT round(fill_pct) FROM bin_state WHERE bin_id = 't2'")).isEqualTo(20);
        assertThat(count("SELECT count(*) FROM rollup_pending WHERE bin_id IN ('t1', 't2')")).isEqualTo(3);

        try (Connection c = schema.dataSource().getConnection()) { // a redelivery, and an older reading: no step back
            result = store().store(c, List.of(reading(3, "t1", NOW.minusSeconds(10), 30), reading(4, "t1",
                    NOW.minusSeconds(30), 5)));
        }
        assertThat(result.stored()).isEqualTo(1);
        assertThat(count("SELECT round(fill_pct) FROM bin_state WHERE bin_id = 't1'")).isEqualTo(30);
    }

    @Test
    void aStatementThatFailsLeavesNeitherReadingsNorStates() throws Exception {
        // The second reading has no partition (years before any): the whole statement fails, its CTE's upsert too.
        try (Connection c = schema.dataSource().getConnection()) {
            assertThatThrownBy(() -> store().store(c, List.of(reading(5, "t3", NOW.minusSeconds(5), 50),
                    reading(6, "t3", Instant.parse("2001-01-01T00:00:00Z"), 60)))).isInstanceOf(SQLException.class);
        }
        assertThat(count("SELECT count(*) FROM readings WHERE bin_id = 't3'")).isZero();
        assertThat(count("SELECT count(*) FROM bin_state WHERE bin_id = 't3'")).isZero();
        assertThat(count("SELECT count(*) FROM rollup_pending WHERE bin_id = 't3'")).isZero();
    }

    @Test
    void aBatchWithARejectionCommitsItWithTheReadingsInOneTransaction() throws Exception {
        StoreResult result;
        try (Connection c = schema.dataSource().getConnection()) {
            result = store().store(c, List.of(reading(7, "t4", NOW.minusSeconds(5), 70),
                    reading(8, "not-registered", NOW.minusSeconds(5), 80)));
        }
        assertThat(result.stored()).isEqualTo(1);
        assertThat(result.rejections()).hasSize(1);
        assertThat(count("SELECT count(*) FROM readings WHERE bin_id = 't4'")).isEqualTo(1);
        assertThat(count("SELECT round(fill_pct) FROM bin_state WHERE bin_id = 't4'")).isEqualTo(70);
        assertThat(count("SELECT count(*) FROM rejected_messages WHERE bin_id = 'not-registered'")).isEqualTo(1);
    }

    private static long count(String query) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
