package org.clearway.decisions.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.clearway.decisions.forecast.Forecast.Basis;
import org.clearway.decisions.signal.FillSample;
import org.junit.jupiter.api.Test;

class FillForecasterTest {

    private static final Instant MONDAY = Instant.parse("2025-03-03T00:00:00Z");
    private static final double THRESHOLD = 80;

    private final FillForecaster forecaster = new FillForecaster(ForecastSettings.defaults());

    @Test
    void linearFillConvergesWithinTenPercentAfterADay() {
        SyntheticFill bin = SyntheticFill.linear(MONDAY, 5, 1.0, 1.5, 7);
        ForecastState state = feed(forecaster, ForecastState.initial(), bin, Duration.ofHours(24));

        Forecast forecast = forecaster.forecast(state, bin.at(), THRESHOLD).orElseThrow();

        double trueHours = hoursBetween(bin.at(), bin.trueTimeTo(100));
        double forecastHours = hoursBetween(bin.at(), forecast.full().p50());
        assertThat(forecastHours).isCloseTo(trueHours, withPercentage(10));
        assertThat(forecast.basis()).isEqualTo(Basis.TREND);
        assertThat(forecast.full().p10()).isBeforeOrEqualTo(forecast.full().p50());
        assertThat(forecast.full().p90()).isAfterOrEqualTo(forecast.full().p50());
        assertThat(bin.trueTimeTo(100)).isBetween(forecast.full().p10(), forecast.full().p90());
    }

    @Test
    void bandNarrowsAsReadingsAccumulate() {
        SyntheticFill bin = SyntheticFill.linear(MONDAY, 5, 1.0, 1.5, 11);
        ForecastState state = feed(forecaster, ForecastState.initial(), bin, Duration.ofHours(4));
        double early = relativeWidth(forecaster.forecast(state, bin.at(), THRESHOLD).orElseThrow());
        state = feed(forecaster, state, bin, Duration.ofHours(20));
        double late = relativeWidth(forecaster.forecast(state, bin.at(), THRESHOLD).orElseThrow());
        assertThat(late).isLessThan(early / 2);
    }

    @Test
    void aFullBinTeachesTheProfileNothing() {
        FillForecaster forecaster = new FillForecaster(ForecastSettings.defaults());
        ForecastState state = ForecastState.initial();
        for (int h = 0; h < 10; h++) {
            state = forecaster.observe(state, new FillSample(MONDAY.plusSeconds(3600L * h), 50 + 5 * h));
        }
        for (int h = 10; h < 20; h++) {
            // the sensor reads about 100 % while waste piles up beside the bin
            state = forecaster.observe(state, new FillSample(MONDAY.plusSeconds(3600L * h), 99 + h % 2));
        }
        double[] observed = state.profile().weekWeight();
        assertThat(observed[5]).as("Monday 05:00, rising").isPositive();
        assertThat(observed[12]).as("Monday 12:00, full").isZero();
        assertThat(state.profile().rate(5)).isCloseTo(5.0, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void learnsMealtimesAndForecastsBetterWithThem() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ForecastSettings settings = ForecastSettings.defaults().withZone(berlin);
        FillForecaster withProfile = new FillForecaster(settings);
        FillForecaster trendOnly = new FillForecaster(new ForecastSettings(settings.rateWindow(), settings.maxPoints(),
                settings.minPoints(), settings.minSpan(), settings.profileMemory(), Double.MAX_VALUE, settings.maxGap(),
                settings.horizon(), settings.bandZ(), berlin));
        SyntheticFill bin = new SyntheticFill(MONDAY, 10, Duration.ofMinutes(15), 1.0,
                SyntheticFill.mealtimes(berlin, 0.5, 4.0), 85, 3, 23);
        List<SyntheticFill.Tick> threeWeeks = bin.ticks(Duration.ofDays(21).plusHours(9));
        ForecastState learned = feed(withProfile, threeWeeks);
        ForecastState trend = feed(trendOnly, threeWeeks);

        HourOfWeekProfile profile = learned.profile();
        int wednesday = 2 * 24;
        assertThat(profile.rate(wednesday + 12)).isGreaterThan(3 * profile.rate(wednesday + 3));
        assertThat(profile.rate(wednesday + 19)).isGreaterThan(3 * profile.rate(wednesday + 16));

        double trueHours = hoursBetween(bin.at(), bin.trueTimeTo(100));
        Forecast shaped = withProfile.forecast(learned, bin.at(), THRESHOLD).orElseThrow();
        Forecast flat = trendOnly.forecast(trend, bin.at(), THRESHOLD).orElseThrow();
        double shapedError = Math.abs(hoursBetween(bin.at(), shaped.full().p50()) - trueHours);
        double flatError = Math.abs(hoursBetween(bin.at(), flat.full().p50()) - trueHours);
        assertThat(shaped.basis()).isEqualTo(Basis.TREND_AND_PROFILE);
        assertThat(flat.basis()).isEqualTo(Basis.TREND);
        assertThat(shapedError).isLessThan(trueHours * 0.10).isLessThan(flatError);
    }

    @Test
    void noForecastUntilFourLevelsSpanningAnHour() {
        ForecastState state = ForecastState.initial();
        for (int i = 0; i < 3; i++) {
            state = forecaster.observe(state, new FillSample(MONDAY.plus(Duration.ofMinutes(30L * i)), 10 + i));
            assertThat(forecaster.forecast(state, MONDAY.plus(Duration.ofMinutes(30L * i)), THRESHOLD)).isEmpty();
        }
        state = forecaster.observe(state, new FillSample(MONDAY.plus(Duration.ofMinutes(90)), 13));

        assertThat(forecaster.forecast(state, MONDAY.plus(Duration.ofMinutes(90)), THRESHOLD)).isPresent();
    }

    @Test
    void aBinThatDoesNotFillIsNeverForecastFull() {
        SyntheticFill bin = SyntheticFill.linear(MONDAY, 30, 0, 0.5, 3);
        ForecastState state = feed(forecaster, ForecastState.initial(), bin, Duration.ofHours(24));

        Forecast forecast = forecaster.forecast(state, bin.at(), THRESHOLD).orElseThrow();

        assertThat(forecast.full().p50()).as("beyond the 14-day horizon").isNull();
    }

    @Test
    void restartKeepsTheProfileAndDropsTheTrend() {
        SyntheticFill bin = SyntheticFill.linear(MONDAY, 5, 1.0, 1.0, 5);
        ForecastState state = feed(forecaster, ForecastState.initial(), bin, Duration.ofHours(30));
        FillSample emptied = new FillSample(bin.at().plusSeconds(60), 2);

        ForecastState restarted = forecaster.restart(state, emptied);

        assertThat(restarted.profile()).isEqualTo(state.profile());
        assertThat(restarted.points()).containsExactly(emptied);
        assertThat(restarted.segmentStart()).isEqualTo(emptied.at());
        assertThat(forecaster.observe(restarted, new FillSample(emptied.at(), 50))).as("not after the last").isEqualTo(restarted);
    }

    private static double relativeWidth(Forecast forecast) {
        Instant now = forecast.at();
        return hoursBetween(forecast.full().p10(), forecast.full().p90()) / hoursBetween(now, forecast.full().p50());
    }

    static ForecastState feed(FillForecaster forecaster, ForecastState state, SyntheticFill bin, Duration span) {
        Instant end = bin.at().plus(span);
        ForecastState s = state;
        while (bin.at().isBefore(end)) {
            s = forecaster.observe(s, bin.next());
        }
        return s;
    }

    /** Feeds the readings, restarting the trend at each emptying (as the engine does). */
    static ForecastState feed(FillForecaster forecaster, List<SyntheticFill.Tick> ticks) {
        ForecastState s = ForecastState.initial();
        for (SyntheticFill.Tick tick : ticks) {
            s = tick.emptied() ? forecaster.restart(s, tick.reading()) : forecaster.observe(s, tick.reading());
        }
        return s;
    }

    static double hoursBetween(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() / 3600.0;
    }
}
