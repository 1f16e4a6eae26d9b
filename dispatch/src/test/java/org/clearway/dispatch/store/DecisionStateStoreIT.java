package org.clearway.dispatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import javax.sql.DataSource;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.decisions.BinDecisionEngine;
import org.clearway.decisions.BinReading;
import org.clearway.decisions.BinState;
import org.clearway.decisions.DecisionInput;
import org.clearway.decisions.DecisionMetrics;
import org.clearway.decisions.PolicyConfig;
import org.clearway.testsupport.FakeClock;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A bin's decision state through jsonb and back, unchanged. */
class DecisionStateStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static TestSchema schema;
    private static DataSource db;
    private final DecisionStateStore states = new DecisionStateStore(Json.mapper(), FakeClock.at(T0));

    @BeforeAll
    static void schema() throws SQLException {
        schema = DispatchTestDb.migratedSchema("dispatch_state");
        db = schema.dataSource();
        DispatchTestDb.registerBin(db, "b1", "residual", 1000, 0);
        DispatchTestDb.registerBin(db, "b2", "residual", 1000, 0);
    }

    @AfterAll
    static void drop() {
        schema.close();
    }

    @Test
    void aWeekOfLearningSurvivesTheDatabase() throws SQLException {
        BinDecisionEngine engine = new BinDecisionEngine(PolicyConfig.defaults(), DecisionMetrics.NOOP);
        BinProfile bin = new BinStore().find(db.getConnection(), "b1").orElseThrow();
        BinState state = BinState.initial("b1");
        Random noise = new Random(3);
        double level = 5;
        for (int i = 0; i < 7 * 96; i++) {
            level = level > 85 ? 3 : level + 0.4;
            BinReading reading = BinReading.of("b1", T0.plus(Duration.ofMinutes(15L * i)), level + noise.nextGaussian());
            state = engine.decide(state, DecisionInput.of(reading, bin.facts())).state();
        }
        assertThat(state.forecast()).isNotNull();

        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            assertThat(states.load(c, "b1")).isEmpty();
            states.save(c, BinState.initial("b1"));
            states.save(c, state);
            c.commit();
            Optional<BinState> loaded = states.load(c, "b1");
            c.commit();
            assertThat(loaded).contains(state);
        }
        assertThat(DispatchTestDb.column(db, "SELECT last_reading_at = ?::timestamptz FROM bin_decisions WHERE bin_id = 'b1'",
                state.lastReadingAt().toString())).containsExactly("t");
    }

    @Test
    void aStateThisVersionCannotReadSaysWhichBin() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bin_decisions (bin_id, state, updated_at) VALUES ('b2', '{\"binId\": 7}', now())");
            assertThatThrownBy(() -> states.load(c, "b2")).isInstanceOf(DecisionStateStore.UnreadableStateException.class)
                    .hasMessageContaining("bin b2");
        }
    }
}
