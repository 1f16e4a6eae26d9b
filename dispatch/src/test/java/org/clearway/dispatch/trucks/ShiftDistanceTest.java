package org.clearway.dispatch.trucks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import org.clearway.dispatch.trucks.ShiftDistance.Point;
import org.junit.jupiter.api.Test;

class ShiftDistanceTest {

    private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");

    private static Point at(long seconds, double lat, double lon) {
        return new Point(T0.plusSeconds(seconds), lat, lon);
    }

    @Test
    void oneDegreeOfLatitudeIsAbout111Km() {
        assertThat(GeoDistance.km(31, 121, 32, 121)).isCloseTo(111.2, within(0.1));
        assertThat(GeoDistance.km(0, 0, 0, 1)).isCloseTo(111.2, within(0.1));
        assertThat(GeoDistance.km(31.23, 121.47, 31.23, 121.47)).isZero();
    }

    @Test
    void theFirstPositionOfTheDayAddsNothingAndTheNextAddsItsLeg() {
        Point a = at(0, 31.2300, 121.47);
        Point b = at(60, 31.2345, 121.47);

        assertThat(ShiftDistance.added(null, a, null)).isZero();
        assertThat(ShiftDistance.added(a, b, null)).isCloseTo(0.5004, within(0.001));
    }

    @Test
    void aLegFasterThan150KmhIsAJumpAndCountsNothing() {
        Point a = at(0, 31.23, 121.47);
        Point fast = at(60, 31.2615, 121.47);
        Point slow = at(60, 31.2520, 121.47);

        assertThat(ShiftDistance.leg(a, fast)).as("3.5 km in a minute: 210 km/h").isZero();
        assertThat(ShiftDistance.leg(a, slow)).as("2.4 km in a minute: 147 km/h").isCloseTo(2.446, within(0.01));
    }

    @Test
    void aLatePositionReplacesTheLegItSplits() {
        Point a = at(0, 31.2300, 121.4700);
        Point late = at(30, 31.2320, 121.4720);
        Point b = at(60, 31.2345, 121.4700);
        double before = ShiftDistance.added(null, a, null) + ShiftDistance.added(a, b, null);

        double after = before + ShiftDistance.added(a, late, b);

        assertThat(after).isCloseTo(ShiftDistance.leg(a, late) + ShiftDistance.leg(late, b), within(1e-9));
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void aLateGlitchChangesNothingAndKeepsTheLegItWouldSplit() {
        Point a = at(0, 31.2300, 121.4700);
        Point glitch = at(30, 31.3300, 121.4700);
        Point b = at(60, 31.2345, 121.4700);

        assertThat(ShiftDistance.added(a, glitch, b)).isZero();
        assertThat(ShiftDistance.added(a, b, null)).isCloseTo(0.5004, within(0.001));
    }
}
