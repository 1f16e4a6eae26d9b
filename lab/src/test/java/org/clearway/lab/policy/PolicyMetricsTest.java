package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PolicyMetricsTest {

    private final Instant t0 = Schedule.dayStart(7);

    @Test
    void sumsKilometresTrucksAndLeftOversFromThePlans() {
        PolicyMetrics metrics = new PolicyMetrics();
        metrics.plan(new DayPlan(List.of(), 12_500, 3, List.of(4, 5), 2, 0));
        metrics.plan(new DayPlan(List.of(), 7_500, 2, List.of(), 2, 1));
        PolicyResult r = metrics.result("x");
        assertThat(r.truckKm()).isEqualTo(20.0);
        assertThat(r.truckDays()).isEqualTo(5);
        assertThat(r.unplanned()).isEqualTo(2);
        assertThat(r.plans()).isEqualTo(4);
        assertThat(r.cappedPlans()).isEqualTo(1);
    }

    @Test
    void keepsKilometresTrucksCollectionsAndOverflowPerStream() {
        PolicyMetrics metrics = new PolicyMetrics();
        metrics.plan(new DayPlan(List.of(), 20_000, 3, List.of(), 2, 0, Map.of(
                "residual", new StreamFigures(12.5, 2, 0, 0), "glass", new StreamFigures(7.5, 1, 0, 0))));
        metrics.plan(new DayPlan(List.of(), 10_000, 1, List.of(), 1, 0, Map.of(
                "residual", new StreamFigures(10.0, 1, 0, 0))));
        metrics.collected("residual", 50, null, t0);
        metrics.collected("glass", 70, null, t0);
        metrics.collected("glass", 90, null, t0);
        metrics.overflow("residual", 0.25);
        metrics.overflow("residual", 0.25);
        PolicyResult r = metrics.result("x");
        assertThat(r.byStream()).containsOnlyKeys("residual", "glass");
        assertThat(r.byStream().get("residual")).isEqualTo(new StreamFigures(22.5, 3, 1, 0.5));
        assertThat(r.byStream().get("glass")).isEqualTo(new StreamFigures(7.5, 1, 2, 0));
        assertThat(r.collections()).isEqualTo(3);
        assertThat(r.overflowBinHours()).isEqualTo(0.5);
        assertThat(r.truckKm()).isEqualTo(30.0);
    }

    @Test
    void overflowIsCountedPerThousandBinDays() {
        PolicyMetrics metrics = new PolicyMetrics();
        metrics.watched(200, 1);
        metrics.watched(200, 1);
        for (int k = 0; k < 10; k++) {
            metrics.overflow(0.25);
        }
        PolicyResult r = metrics.result("x");
        assertThat(r.overflowBinHours()).isEqualTo(2.5);
        assertThat(r.binDays()).isEqualTo(400);
        assertThat(r.overflowPer1000BinDays()).isCloseTo(6.25, within(1e-9));
    }

    @Test
    void fillAtCollectionAveragesEveryCollectionAndResponseOnlyThoseWithAJob() {
        PolicyMetrics metrics = new PolicyMetrics();
        metrics.collected(40, null, t0);
        metrics.collected(80, t0.minusSeconds(3600), t0);
        metrics.collected(90, t0.minusSeconds(10 * 3600), t0);
        PolicyResult r = metrics.result("x");
        assertThat(r.collections()).isEqualTo(3);
        assertThat(r.meanFillPct()).isCloseTo(70, within(1e-9));
        assertThat(r.jobs()).isEqualTo(2);
        assertThat(r.responseMeanHours()).isCloseTo(5.5, within(1e-9));
        assertThat(r.responseP90Hours()).isCloseTo(10, within(1e-9));
    }

    @Test
    void noJobsMeansNoResponseTime() {
        PolicyMetrics metrics = new PolicyMetrics();
        metrics.collected(40, null, t0);
        assertThat(metrics.result("x").responseMeanHours()).isNaN();
        assertThat(metrics.result("x").responseP90Hours()).isNaN();
    }

    @Test
    void percentileIsNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(PolicyMetrics.percentile(sorted, 0.9)).isEqualTo(9);
        assertThat(PolicyMetrics.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(PolicyMetrics.percentile(new double[] {3}, 0.9)).isEqualTo(3);
    }
}
