package org.clearway.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.clearway.decisions.Decision.CreateJob;
import org.clearway.decisions.forecast.Forecast;
import org.clearway.core.job.JobReason;
import org.junit.jupiter.api.Test;

/** A bin filling 2 points an hour from 10 %: full 45 hours after {@link BinRun#START}, at 80 % after 35. */
class ForecastDecisionTest {

    private static final double RATE = 2.0 / 4;

    @Test
    void theForecastIsOnTheBinsState() {
        BinRun bin = BinRun.residual();
        Random noise = new Random(5);
        for (int i = 1; i <= 24 * 4; i++) {
            bin.read(10 + i * RATE + noise.nextGaussian());
        }

        Forecast forecast = bin.state().forecast();

        Instant trueFull = BinRun.START.plus(Duration.ofMinutes(45 * 60));
        assertThat(forecast.full().p50()).isBetween(trueFull.minus(Duration.ofHours(2)), trueFull.plus(Duration.ofHours(2)));
        assertThat(forecast.full().p10()).isBefore(forecast.full().p50());
        assertThat(forecast.full().p90()).isAfter(forecast.full().p50());
        assertThat(forecast.threshold().p50()).isBefore(forecast.full().p50());
        assertThat(forecast.ratePctPerHour()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void noVisitPlannedAsksForACollectionOnceFullIsWithin24Hours() {
        BinRun bin = BinRun.residual();
        fill(bin, 10, 40);

        assertThat(bin.jobs()).singleElement().satisfies(job -> {
            assertThat(job.reason()).isEqualTo(JobReason.FORECAST);
            assertThat(hoursFromStart(job.at())).as("full at 45 h, minus the 24 h look-ahead").isBetween(19.0, 23.0);
            assertThat(job.due()).as("due at the forecast full").isEqualTo(BinRun.START.plus(Duration.ofHours(45)));
            assertThat(job.cause()).contains("no visit planned");
        });
        assertThat(bin.jobs(JobReason.THRESHOLD)).as("the open forecast job covers the crossing at 80 %").isEmpty();
    }

    @Test
    void aVisitAfterTheForecastFullAsksForAJobAsSoonAsTheForecastExists() {
        BinRun bin = BinRun.residual().plannedVisit(BinRun.START.plus(Duration.ofDays(3)));
        fill(bin, 10, 6);

        assertThat(bin.jobs()).singleElement().satisfies(job -> {
            assertThat(job.reason()).isEqualTo(JobReason.FORECAST);
            assertThat(hoursFromStart(job.at())).isLessThan(3);
            assertThat(job.cause()).contains("next planned visit");
        });
    }

    @Test
    void aVisitBeforeTheForecastFullAsksForNothing() {
        BinRun bin = BinRun.residual().plannedVisit(BinRun.START.plus(Duration.ofHours(30)));
        fill(bin, 10, 30);

        assertThat(bin.jobs()).isEmpty();
    }

    @Test
    void anOpenThresholdJobCoversTheForecast() {
        BinRun bin = BinRun.residual().plannedVisit(BinRun.START.plus(Duration.ofDays(5)));
        bin.hold(50, Duration.ofHours(3));
        bin.read(85, 86);
        fill(bin, 86, 4);

        assertThat(bin.jobs()).extracting(CreateJob::reason).containsExactly(JobReason.THRESHOLD);
    }

    /** Readings every 15 minutes rising by {@link #RATE} from {@code from}, for {@code hours}. */
    private static void fill(BinRun bin, double from, int hours) {
        double level = from;
        for (int i = 0; i < hours * 4; i++) {
            level += RATE;
            bin.read(level);
        }
    }

    private static double hoursFromStart(Instant at) {
        return Duration.between(BinRun.START, at).toMinutes() / 60.0;
    }
}
