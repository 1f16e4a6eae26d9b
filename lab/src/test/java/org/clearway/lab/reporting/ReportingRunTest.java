package org.clearway.lab.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.clearway.decisions.reporting.ReportingIntervals;
import org.clearway.decisions.reporting.ReportingRule;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;
import org.junit.jupiter.api.Test;

class ReportingRunTest {
    private static final City CITY = City.generate(new CityConfig(3, 60, StreamSpec.defaults(), 1));
    private final ReportingRun run = new ReportingRun(CITY, 6, 2, Duration.ofHours(8), line -> { });

    @Test
    void aFixedHourlySensorSendsTwentyFourUplinksADayAndNoDownlink() {
        ReportingFigures fixed = run.run(ReportingScheme.fixed(Duration.ofHours(1)));
        assertThat(fixed.uplinksPerBinDay()).isEqualTo(24.0);
        assertThat(fixed.downlinks()).isZero();
        assertThat(fixed.collections()).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameFigures() {
        ReportingScheme adaptive = ReportingScheme.adaptive(ReportingIntervals.DEFAULTS, ReportingRule.Settings.DEFAULTS);
        ReportingFigures a = run.run(adaptive);
        ReportingFigures b = run.run(adaptive);
        assertThat(b.uplinks()).isEqualTo(a.uplinks());
        assertThat(b.downlinks()).isEqualTo(a.downlinks());
        assertThat(b.overflowHours()).isEqualTo(a.overflowHours());
        assertThat(b.delaysHours()).containsExactly(a.delaysHours());
    }

    @Test
    void adaptiveReportingChangesIntervalsByDownlinkAndSendsFewerUplinksWithLongerTiers() {
        ReportingFigures fixed = run.run(ReportingScheme.fixed(Duration.ofHours(1)));
        ReportingFigures adaptive = run.run(ReportingScheme.adaptive(new ReportingIntervals(Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(4)), ReportingRule.Settings.DEFAULTS));
        assertThat(adaptive.downlinks()).isPositive();
        assertThat(adaptive.uplinksPerBinDay()).isLessThan(fixed.uplinksPerBinDay());
        assertThat(adaptive.meanDelayHours()).isLessThanOrEqualTo(fixed.meanDelayHours());
    }

    @Test
    void aFigureTableHasBothSchemesAndTheirRatio() {
        ReportingFigures a = new ReportingFigures("fixed 60 min", 10, 240, 0, 2, 4, new double[] {0, 1, 2, 3}, 0, 4);
        ReportingFigures b = new ReportingFigures("adaptive", 10, 120, 5, 1, 4, new double[] {0, 0, 0, 0.5}, 0, 4);
        java.io.StringWriter text = new java.io.StringWriter();
        ReportingCommand.print(new java.io.PrintWriter(text), a, b,
                java.util.List.of(new org.clearway.simulator.devices.BatteryModel(7, 10)));
        assertThat(text.toString()).contains("| uplinks per bin-day").contains("24.0").contains("12.0").contains("0.500")
                .contains("late detections (> 1 h)");
        assertThat(a.p95DelayHours()).isEqualTo(3);
        assertThat(a.late()).isEqualTo(2);
    }
}
