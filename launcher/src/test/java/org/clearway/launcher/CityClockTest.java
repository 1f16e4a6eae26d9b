package org.clearway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.clearway.core.time.DbClock;
import org.junit.jupiter.api.Test;

class CityClockTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void autoStartsNowDuringTheDayShiftElseAtTheNextSix() {
        assertThat(CityClock.start("auto", Instant.parse("2026-12-07T10:15:00.123456789Z"), UTC, Optional.empty()))
                .isEqualTo(Instant.parse("2026-12-07T10:15:00.123456789Z"));
        assertThat(CityClock.start("auto", Instant.parse("2026-12-07T03:33:00Z"), UTC, Optional.empty()))
                .isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
        assertThat(CityClock.start("auto", Instant.parse("2026-12-07T21:00:00Z"), UTC, Optional.empty()))
                .isEqualTo(Instant.parse("2026-12-08T06:00:00Z"));
        assertThat(CityClock.start("auto", Instant.parse("2026-12-07T03:33:00Z"), ZoneId.of("Asia/Shanghai"),
                Optional.empty())).as("11:33 in Shanghai").isEqualTo(Instant.parse("2026-12-07T03:33:00Z"));
    }

    @Test
    void autoSkipsSundayWhenNoRoundsRun() {
        assertThat(CityClock.start("auto", Instant.parse("2026-12-13T10:00:00Z"), UTC, Optional.empty()))
                .as("a Sunday").isEqualTo(Instant.parse("2026-12-14T06:00:00Z"));
        assertThat(CityClock.start("auto", Instant.parse("2026-12-12T21:00:00Z"), UTC, Optional.empty()))
                .as("a Saturday evening").isEqualTo(Instant.parse("2026-12-14T06:00:00Z"));
        assertThat(CityClock.start("auto", Instant.parse("2026-12-12T03:00:00Z"), UTC, Optional.empty()))
                .as("a Saturday night").isEqualTo(Instant.parse("2026-12-12T06:00:00Z"));
    }

    @Test
    void nowAndAnInstantAreTakenAsGivenAndAStoredCityThatRanAheadResumes() {
        Instant now = Instant.parse("2026-12-07T03:33:00Z");
        assertThat(CityClock.start("now", now, UTC, Optional.empty())).isEqualTo(now);
        assertThat(CityClock.start("2026-11-30T06:00:00Z", now, UTC, Optional.empty()))
                .isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        Instant ahead = Instant.parse("2026-12-09T23:10:00.5000009Z");
        assertThat(CityClock.start("now", now, UTC, Optional.of(ahead))).isEqualTo(DbClock.truncate(ahead));
        assertThat(CityClock.start("auto", now, UTC, Optional.of(ahead))).isEqualTo(Instant.parse("2026-12-10T06:00:00Z"));
        assertThat(CityClock.start("now", now, UTC, Optional.of(now.minusSeconds(60)))).isEqualTo(now);
        assertThatThrownBy(() -> CityClock.start("tomorrow", now, UTC, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--start");
    }

    @Test
    void theBannerSaysHowTheClockRuns() {
        DbClock fast = CityClock.of(Instant.parse("2026-12-07T06:00:00Z"), 60);
        assertThat(CityClock.describe(fast, UTC)).startsWith("simulated time runs 60x: one wall-clock minute is 1 city hour;"
                + " the city's clock now reads 2026-12-07T06:0");
        assertThat(CityClock.describe(CityClock.of(Instant.parse("2026-12-07T06:00:00Z"), 1), UTC))
                .startsWith("the city's clock runs in real time");
        assertThatThrownBy(() -> CityClock.of(Instant.EPOCH, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
