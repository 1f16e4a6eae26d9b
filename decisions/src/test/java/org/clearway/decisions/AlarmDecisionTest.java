package org.clearway.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.clearway.decisions.Decision.CreateJob;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlarmDecisionTest {

    @Test
    void fireIsAnUrgentJobAtOnceEvenOnTheFirstReadingOfANearlyEmptyBin() {
        BinRun bin = BinRun.residual();

        assertThat(bin.readWithAlarms(12, "fire")).singleElement().isInstanceOfSatisfying(CreateJob.class, job -> {
            assertThat(job.reason()).isEqualTo(JobReason.FIRE_ALARM);
            assertThat(job.priority()).isEqualTo(Priority.URGENT);
            assertThat(job.due()).isEqualTo(bin.at());
        });
    }

    @Test
    void onlyOneOpenFireJobWhileTheAlarmGoesOnAndOff() {
        BinRun bin = BinRun.residual();
        bin.readWithAlarms(20, "fire");
        bin.readWithAlarms(20, "fire");
        bin.read(20);
        bin.readWithAlarms(21, "fire");
        assertThat(bin.jobs(JobReason.FIRE_ALARM)).hasSize(1);

        bin.close(JobReason.FIRE_ALARM);
        bin.read(21);
        bin.readWithAlarms(22, "fire");
        assertThat(bin.jobs(JobReason.FIRE_ALARM)).hasSize(2);
    }

    @Test
    void anOngoingAlarmDoesNotAskAgainOnceItsJobIsClosed() {
        BinRun bin = BinRun.residual();
        bin.readWithAlarms(20, "fire");
        bin.close(JobReason.FIRE_ALARM);

        bin.readWithAlarms(20, "fire");

        assertThat(bin.jobs(JobReason.FIRE_ALARM)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tilt", "tamper", "sensor_fault"})
    void maintenanceAlarmsAskForMaintenanceNotCollection(String alarm) {
        BinRun bin = BinRun.residual();
        bin.read(90, 91);
        bin.close(JobReason.THRESHOLD);

        assertThat(bin.readWithAlarms(92, alarm)).singleElement().isInstanceOfSatisfying(CreateJob.class, job -> {
            assertThat(job.reason()).isEqualTo(JobReason.MAINTENANCE);
            assertThat(job.priority()).isEqualTo(Priority.MAINTENANCE);
            assertThat(job.due()).isEqualTo(bin.at().plus(Duration.ofHours(24)));
            assertThat(job.cause()).contains(alarm);
        });
    }

    @Test
    void alarmsAppearingTogetherShareOneMaintenanceJob() {
        BinRun bin = BinRun.residual();

        bin.read(30, Set.of("tilt", "tamper", "lid_open"));
        bin.readWithAlarms(30, "tilt", "tamper", "sensor_fault");

        assertThat(bin.jobs()).singleElement().satisfies(job -> {
            assertThat(job.reason()).isEqualTo(JobReason.MAINTENANCE);
            assertThat(job.cause()).isEqualTo("alarm: tamper, tilt");
        });
    }

    @Test
    void lidOpenBatteryAndUnknownAlarmsAskForNothing() {
        BinRun bin = BinRun.residual();

        bin.readWithAlarms(30, "lid_open");
        bin.readWithAlarms(30, "battery");
        bin.readWithAlarms(30, "smoke_signals");

        assertThat(bin.decisions()).isEmpty();
    }
}
