package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dispatch service under its default policy, rounds, on the real database and broker: a reading over the
 * threshold opens no threshold job, the leader's rounds chore opens a risk job for the bin on its group's round day
 * (a first start on a Monday: the only group has a round that day) and publishes it, and alarms still open their
 * jobs per reading.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DispatchRoundsIT {
    /** Monday 07:00 UTC, in the default 06:00-14:00 shift. */
    static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");
    static final FakeClock CLOCK = FakeClock.at(NOW);
    static DispatchHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new DispatchHarness("dispatch_rounds_service", CLOCK, Map.of("CLEARWAY_DISPATCH_POLICY", "rounds"));
        for (String bin : List.of("hot", "fire")) {
            harness.registerBin(bin, 1000, 0);
        }
        harness.startService();
        harness.awaitConsumer();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aFullBinGetsARiskJobFromTheRoundsNotAThresholdJobFromItsReading() throws Exception {
        Instant t = NOW.minus(Duration.ofMinutes(5));
        harness.publishFills("hot", t, 60, 70, 85, 88, 90);
        harness.awaitDecided("hot", t);
        assertThat(harness.jobs("hot", "threshold")).as("the selection replaces the threshold rule").isZero();

        CLOCK.advance(Duration.ofMinutes(16));
        DispatchTestDb.await("the rounds chore's risk job", DispatchHarness.WAIT, () -> harness.jobs("hot", "risk") == 1);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT e.actor FROM job_events e JOIN jobs j ON j.id = e.job_id "
                + "WHERE j.bin_id = 'hot'")).containsExactly("rounds");
        assertThat(DispatchTestDb.column(harness.db(), "SELECT weekdays::text || ' ' || selected_on FROM rounds"))
                .containsExactly("{1,3,5} 2026-12-07");
        DispatchTestDb.await("the risk job published", DispatchHarness.WAIT, () -> harness.jobMessages.stream()
                .anyMatch(m -> new String(m.payload(), StandardCharsets.UTF_8).contains("\"risk\"")));
        assertThat(harness.jobs("hot", "threshold")).isZero();
    }

    @Test
    void aFireAlarmStillOpensItsJobPerReading() throws Exception {
        harness.publish("fire", DispatchHarness.reading(NOW.minus(Duration.ofMinutes(2)), 30, "fire"));
        DispatchTestDb.await("the fire job", DispatchHarness.WAIT, () -> harness.jobs("fire", "fire_alarm") == 1);
    }
}
