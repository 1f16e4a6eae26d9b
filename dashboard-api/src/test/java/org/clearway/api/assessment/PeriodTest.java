package org.clearway.api.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.clearway.api.http.ApiException;
import org.junit.jupiter.api.Test;

class PeriodTest {
    @Test
    void quartersAreCalendarQuartersInTheConfiguredZone() {
        Period q3 = Period.of("2026-Q3", null, null, ZoneOffset.UTC);
        assertThat(q3.from()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(q3.to()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(q3.fileName()).isEqualTo("2026-Q3");
        Period q4 = Period.of("2026-Q4", null, null, ZoneId.of("Europe/Berlin"));
        assertThat(q4.from()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
        assertThat(q4.to()).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        assertThat(Period.of("2027-Q1", null, null, ZoneOffset.UTC).to()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
    }

    @Test
    void explicitPeriodsAreAtMostAYear() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(Period.of(null, from, from.plus(Period.MAX_LENGTH), ZoneOffset.UTC).label()).isNull();
        assertThatThrownBy(() -> Period.of(null, from, from.plus(Period.MAX_LENGTH).plusSeconds(1), ZoneOffset.UTC))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("range_too_large"));
        assertThatThrownBy(() -> Period.of(null, from, from, ZoneOffset.UTC))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_range"));
        assertThatThrownBy(() -> Period.of(null, from, null, ZoneOffset.UTC)).hasMessageContaining("both from and to");
        assertThatThrownBy(() -> Period.of("2026-Q2", from, null, ZoneOffset.UTC)).hasMessageContaining("not both");
    }

    @Test
    void withoutAPeriodItIsTheCurrentQuarterAndTheOneBeforeComparesWithIt() {
        Instant now = Instant.parse("2026-12-07T06:00:00Z");
        Period current = Period.of(null, null, null, ZoneOffset.UTC, now);
        assertThat(current.label()).isEqualTo("2026-Q4");
        assertThat(current.from()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(current.previousQuarter(ZoneOffset.UTC).label()).isEqualTo("2026-Q3");
        assertThat(Period.of("2027-Q1", null, null, ZoneOffset.UTC).previousQuarter(ZoneOffset.UTC).label())
                .isEqualTo("2026-Q4");
        // New Year's Eve in Berlin is already the next quarter there
        assertThat(Period.current(Instant.parse("2026-12-31T23:30:00Z"), ZoneId.of("Europe/Berlin")).label())
                .isEqualTo("2027-Q1");
        assertThat(Period.of("2026-Q2", null, null, ZoneOffset.UTC, now).label()).isEqualTo("2026-Q2");
    }
}
