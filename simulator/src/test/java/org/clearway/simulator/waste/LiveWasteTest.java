package org.clearway.simulator.waste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;
import org.junit.jupiter.api.Test;

class LiveWasteTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final City city = City.generate(new CityConfig(21, 50, StreamSpec.registered(), 1));

    @Test
    void stepZeroIsTheMondayMidnightOfTheStartWeekInTheCitysZone() {
        // Sunday 22 November 2026, 09:00 in Shanghai is still in the week of Monday 16 November.
        assertThat(LiveWaste.weekStart(Instant.parse("2026-11-22T01:00:00Z"), SHANGHAI))
                .isEqualTo(Instant.parse("2026-11-15T16:00:00Z"));
        // Monday 00:30 in Shanghai (Sunday 16:30 UTC) starts a new week.
        assertThat(LiveWaste.weekStart(Instant.parse("2026-11-22T16:30:00Z"), SHANGHAI))
                .isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
    }

    @Test
    void aBinTakesTheLabsWasteStepByStep() {
        Instant epoch = Instant.parse("2026-11-15T16:00:00Z");
        LiveWaste live = new LiveWaste(city, epoch);
        WasteGenerator lab = new WasteGenerator(city);
        int bin = 7;
        // First measurement after 3 days and 10 minutes: the steps before are skipped (in the initial fill).
        Instant first = epoch.plusSeconds(3 * 86_400 + 600);
        assertThat(live.fillAt(bin, 20, first)).isEqualTo(20);
        for (int step = 0; step < 3 * WasteGenerator.STEPS_PER_DAY; step++) {
            lab.waste(bin, step);
        }
        // 43 minutes 20 later (00:53:20 on day 3): steps 288 to 290 have ended (the one of 00:45 to 01:00 has not).
        double expected = 20;
        for (int step = 288; step < 291; step++) {
            expected = Math.min(100, expected + lab.waste(bin, step));
        }
        assertThat(live.stepsUntil(first.plusSeconds(2_600))).isEqualTo(291);
        assertThat(live.fillAt(bin, 20, first.plusSeconds(2_600))).isEqualTo(expected).isGreaterThan(20);
        // Nearly full: capped at 100 after each step.
        assertThat(live.fillAt(bin, 99.99, first.plusSeconds(86_400))).isEqualTo(100);
    }

    @Test
    void stepsEndingWithABinFullCountAsTheLabsOverflowOfTheirDay() {
        Instant epoch = Instant.parse("2026-11-16T00:00:00Z");
        LiveWaste live = new LiveWaste(city, epoch);
        live.fillAt(3, 100, epoch);
        // the bin stands full all of day 0 and until 06:00 of day 1: 96 + 24 steps of a quarter of an hour
        live.fillAt(3, 100, epoch.plusSeconds(86_400 + 6 * 3_600));
        live.fillAt(4, 0, epoch);
        live.fillAt(4, 0, epoch.plusSeconds(3_600));
        assertThat(live.fullHours(0, 1)).isEqualTo(24.0);
        assertThat(live.fullHours(1, 2)).isEqualTo(6.0);
        assertThat(live.fullHours(0, 7)).isEqualTo(30.0);
        assertThat(live.fullHours(2, 7)).isZero();
    }

    @Test
    void anInstantBeforeStepZeroIsRefused() {
        LiveWaste live = new LiveWaste(city, Instant.parse("2026-11-15T16:00:00Z"));
        assertThatThrownBy(() -> live.fillAt(0, 10, Instant.parse("2026-11-15T15:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the waste's step 0");
    }
}
