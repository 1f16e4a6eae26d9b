package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import org.clearway.core.config.Env;
import org.clearway.decisions.PolicyConfig;
import org.clearway.dispatch.plan.DriverBreak;
import org.clearway.dispatch.plan.PlanSettings;
import org.clearway.dispatch.plan.PlanTravel;
import org.junit.jupiter.api.Test;

class DispatchConfigTest {

    @Test
    void defaults() {
        DispatchConfig config = DispatchConfig.from(new Env(Map.of("HOSTNAME", "node-7")));

        assertThat(config.instance()).isEqualTo("node-7");
        assertThat(config.clientId()).isEqualTo("clearway-dispatch");
        assertThat(config.shareGroup()).as("a plain subscription").isEqualTo("none");
        assertThat(config.batchSize()).isEqualTo(200);
        assertThat(config.inflight()).as("twice the batch size").isEqualTo(400);
        assertThat(config.sessionExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(config.leaderLock()).isEqualTo("clearway-dispatch");
        assertThat(config.leaderRetry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.fleetFile()).isNull();
        assertThat(config.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.maxReadingAge()).isEqualTo(Duration.ofDays(7));
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.httpPort()).isEqualTo(8083);
        assertThat(config.positionRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.policy()).isEqualTo(PolicyConfig.defaults());
        assertThat(config.planSettings()).isEqualTo(new PlanSettings(Duration.ofMinutes(5), Duration.ofSeconds(10),
                ZoneId.of("UTC"), Duration.ofSeconds(1), PlanSettings.URGENT_POLL, DriverBreak.DEFAULT));
        assertThat(DispatchConfig.from(new Env(Map.of())).instance()).startsWith("pid-");
    }

    @Test
    void everySettingComesFromItsVariable() {
        DispatchConfig config = DispatchConfig.from(new Env(Map.ofEntries(
                Map.entry("CLEARWAY_DISPATCH_INSTANCE", "a"),
                Map.entry("CLEARWAY_DISPATCH_CLIENT_ID", "dispatch-city-a"),
                Map.entry("CLEARWAY_DISPATCH_SHARE_GROUP", ""),
                Map.entry("CLEARWAY_DISPATCH_BATCH_SIZE", "50"),
                Map.entry("CLEARWAY_DISPATCH_INFLIGHT", "20"),
                Map.entry("CLEARWAY_DISPATCH_SESSION_EXPIRY", "1h"),
                Map.entry("CLEARWAY_DISPATCH_LEADER_LOCK", "city-a"),
                Map.entry("CLEARWAY_DISPATCH_LEADER_RETRY", "250ms"),
                Map.entry("CLEARWAY_DISPATCH_FLEET_FILE", "/etc/clearway/fleet.json"),
                Map.entry("CLEARWAY_DISPATCH_TIME_ZONE", "Asia/Shanghai"),
                Map.entry("CLEARWAY_DISPATCH_COLLECTION_DUE_WITHIN", "12h"),
                Map.entry("CLEARWAY_DISPATCH_FORECAST_LOOKAHEAD", "36h"),
                Map.entry("CLEARWAY_DISPATCH_MAINTENANCE_DUE_WITHIN", "2d"),
                Map.entry("CLEARWAY_MAX_READING_AGE", "1d"),
                Map.entry("CLEARWAY_DISPATCH_PLAN_INTERVAL", "15m"),
                Map.entry("CLEARWAY_DISPATCH_PLAN_BUDGET", "30s"),
                Map.entry("CLEARWAY_DISPATCH_PLAN_EARLY_STOP", "false"),
                Map.entry("CLEARWAY_DISPATCH_BREAK", "45m"),
                Map.entry("CLEARWAY_DISPATCH_BREAK_WINDOW", "11:00-13:30"))));

        assertThat(config.instance()).isEqualTo("a");
        assertThat(config.clientId()).isEqualTo("dispatch-city-a");
        assertThat(config.shareGroup()).as("blank means the default, as Env reads it").isEqualTo("none");
        assertThat(config.batchSize()).isEqualTo(50);
        assertThat(config.inflight()).isEqualTo(20);
        assertThat(config.sessionExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(config.leaderLock()).isEqualTo("city-a");
        assertThat(config.leaderRetry()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.fleetFile()).isEqualTo(Path.of("/etc/clearway/fleet.json"));
        assertThat(config.maxReadingAge()).isEqualTo(Duration.ofDays(1));
        PolicyConfig policy = config.policy();
        assertThat(policy.forecast().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(policy.jobs()).isEqualTo(new PolicyConfig.Jobs(Duration.ofHours(36), Duration.ofHours(12), Duration.ofDays(2)));
        assertThat(config.planSettings()).isEqualTo(new PlanSettings(Duration.ofMinutes(15), Duration.ofSeconds(30),
                ZoneId.of("Asia/Shanghai"), Duration.ofMillis(250), PlanSettings.URGENT_POLL,
                new DriverBreak(Duration.ofMinutes(45), LocalTime.of(11, 0), LocalTime.of(13, 30)), false));
        assertThat(DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_BREAK", "off"))).planSettings().driverBreak())
                .isEqualTo(DriverBreak.OFF);
    }

    @Test
    void thePlannersTravelModelAndDispatchAheadComeFromTheirVariables() {
        PlanSettings defaults = DispatchConfig.from(new Env(Map.of())).planSettings();
        assertThat(defaults.travel()).isEqualTo(PlanTravel.DEFAULT);
        assertThat(defaults.dispatchAhead()).as("unset: trucks get their routes at once").isNull();
        PlanSettings lab = DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_PLAN_STREETS", "grid",
                "CLEARWAY_DISPATCH_PLAN_SPEED", "21.6", "CLEARWAY_DISPATCH_PLAN_BIN_SERVICE", "60s",
                "CLEARWAY_DISPATCH_PLAN_DISPATCH_AHEAD", "30m"))).planSettings();
        assertThat(lab.travel()).isEqualTo(new PlanTravel(true, 1, 21.6, 60));
        assertThat(lab.dispatchAhead()).isEqualTo(Duration.ofMinutes(30));
        assertThat(DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_PLAN_ROAD_FACTOR", "1.3"))).planSettings()
                .travel()).isEqualTo(new PlanTravel(false, 1.3, 25, 120));
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_PLAN_STREETS", "roads"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_PLAN_STREETS");
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_PLAN_ROAD_FACTOR", "0.8"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_PLAN_ROAD_FACTOR");
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_PLAN_SPEED", "0"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_PLAN_SPEED");
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_PLAN_DISPATCH_AHEAD", "soon"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_PLAN_DISPATCH_AHEAD");
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_BREAK_WINDOW", "12:00-09:30"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_BREAK_WINDOW");
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_BREAK", "lunch"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_BREAK");
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_TIME_ZONE", "Mars/Olympus"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_TIME_ZONE");
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_LEADER_RETRY", "0s"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_LEADER_RETRY");
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_INFLIGHT", "0"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_INFLIGHT");
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "0s"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_PLAN_INTERVAL");
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_PLAN_BUDGET", "soon"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_PLAN_BUDGET");
    }
}
