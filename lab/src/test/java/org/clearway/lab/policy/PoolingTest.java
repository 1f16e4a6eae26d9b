package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.clearway.simulator.city.CityBin;

class PoolingTest {

    private static CityBin bin(int district) {
        return new CityBin(0, "bin-00000", TestCities.RESIDUAL, district, 0, 0, 0, 1);
    }

    @Test
    void districtsOfTheSameColumnShareAHalf() {
        assertThat(Pooling.HALF.key(bin(0))).isEqualTo(Pooling.HALF.key(bin(2)));
        assertThat(Pooling.HALF.key(bin(1))).isEqualTo(Pooling.HALF.key(bin(3))).isNotEqualTo(Pooling.HALF.key(bin(0)));
        assertThat(Pooling.HALF.shares(2, 0)).isTrue();
        assertThat(Pooling.HALF.shares(1, 0)).isFalse();
    }

    @Test
    void aDistrictRunHasOnlyItsOwnDepotAndTheCityRunEveryDepot() {
        assertThat(Pooling.DISTRICT.key(bin(0))).isNotEqualTo(Pooling.DISTRICT.key(bin(2)));
        assertThat(Pooling.DISTRICT.shares(0, 0)).isTrue();
        assertThat(Pooling.DISTRICT.shares(2, 0)).isFalse();
        assertThat(Pooling.CITY.key(bin(0))).isEqualTo(Pooling.CITY.key(bin(3)));
        assertThat(Pooling.CITY.shares(3, 0)).isTrue();
    }
}
