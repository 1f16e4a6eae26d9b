package org.clearway.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimescaleRollupsTest {

    @Test
    void nothingWithoutTheExtensionOrAHypertableOrWhenTheViewsExist() {
        assertThat(TimescaleRollups.statements(null, true, false, 3600)).isEmpty();
        assertThat(TimescaleRollups.statements(null, false, false, 3600)).isEmpty();
        assertThat(TimescaleRollups.statements("timescaledb", false, false, 3600)).isEmpty();
        assertThat(TimescaleRollups.statements("timescaledb", true, true, 3600)).isEmpty();
    }

    @Test
    void continuousAggregatesPerSlotAndPerDayWithTheirPoliciesWhereTheExtensionIs() {
        List<String> sql = TimescaleRollups.statements("timescaledb", true, false, 3600);
        assertThat(sql).hasSize(6);
        assertThat(sql.get(0)).contains("CREATE MATERIALIZED VIEW readings_slots", "timescaledb.continuous",
                "\"timescaledb\".time_bucket(make_interval(secs => 3600), measured_at)", "FROM readings", "WITH NO DATA");
        assertThat(sql.get(1)).contains("CREATE MATERIALIZED VIEW readings_days", "FROM readings_slots",
                "time_bucket(interval '1 day', slot)", "count(*) AS observed");
        assertThat(sql.get(2)).startsWith("SELECT \"timescaledb\".add_continuous_aggregate_policy('readings_slots'");
        assertThat(sql.get(3)).startsWith("SELECT \"timescaledb\".add_continuous_aggregate_policy('readings_days'");
        assertThat(sql.subList(4, 6)).allMatch(s -> s.startsWith("CALL \"timescaledb\".refresh_continuous_aggregate("));
        assertThat(TimescaleRollups.statements("public", true, false, 900).get(0))
                .contains("\"public\".time_bucket(make_interval(secs => 900)");
    }
}
