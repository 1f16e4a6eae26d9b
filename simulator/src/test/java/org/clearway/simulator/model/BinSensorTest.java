package org.clearway.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.clearway.core.contract.FillLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinSensorTest {
    @ParameterizedTest
    @CsvSource({"900,20", "1000,120", "1150,60", "2000,35", "510,100"})
    void distanceConvertsBackToTheFillWithinOneMillimetre(int depthMm, int offsetMm) {
        for (int tenths = 0; tenths <= 1_000; tenths++) {
            double fill = tenths / 10.0;
            int distance = BinSensor.distanceFor(fill, depthMm, offsetMm);
            assertThat(distance).isBetween(0, 10_000);
            double back = FillLevel.fromDistance(distance, depthMm, offsetMm);
            assertThat(Math.abs(back - fill)).as("fill %s at depth %d, offset %d", fill, depthMm, offsetMm)
                    .isLessThanOrEqualTo(50.0 / depthMm + 1e-9);
        }
        assertThat(BinSensor.distanceFor(100, depthMm, offsetMm)).isEqualTo(offsetMm);
        assertThat(BinSensor.distanceFor(0, depthMm, offsetMm)).isEqualTo(offsetMm + depthMm);
    }
}
