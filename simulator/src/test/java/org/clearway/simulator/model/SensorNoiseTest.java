package org.clearway.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SensorNoiseTest {

    @Test
    void readingsStayWithinZeroToHundredAndScatterAroundTheTruth() {
        SensorNoise noise = new SensorNoise(11, 10);
        for (int bin = 0; bin < 10; bin++) {
            double sum = 0;
            int echoes = 0;
            for (int k = 0; k < 2_000; k++) {
                assertThat(noise.read(bin, 99.5)).isBetween(0.0, 100.0);
                assertThat(noise.read(bin, 0.2)).isBetween(0.0, 100.0);
                double r = noise.read(bin, 50);
                if (r > 60) {
                    echoes++;
                } else {
                    sum += r;
                }
            }
            assertThat(sum / (2_000 - echoes)).isCloseTo(50, within(0.3));
            assertThat(echoes).isLessThan(40);
        }
    }

    @Test
    void eachBinHasItsOwnStreamFromTheSeed() {
        SensorNoise a = new SensorNoise(5, 3);
        SensorNoise b = new SensorNoise(5, 3);
        // b reads bin 2 first: bin 0's readings are the same whatever the other bins do.
        b.read(2, 40);
        for (int k = 0; k < 50; k++) {
            assertThat(b.read(0, 40)).isEqualTo(a.read(0, 40));
        }
        assertThat(new SensorNoise(6, 3).read(0, 40)).isNotEqualTo(new SensorNoise(5, 3).read(0, 40));
    }
}
