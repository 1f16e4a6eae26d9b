package org.clearway.simulator.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BatteryModelTest {

    @Test
    void airtimeFollowsSemtechsFormula() {
        // 21 bytes (8-byte frame + 13 of LoRaWAN) at 125 kHz, CR 4/5: 56.6 ms at SF7, 370.7 ms at SF10, 1482.8 ms at
        // SF12 (with low data rate optimisation): the values LoRa airtime calculators give for these settings.
        assertThat(BatteryModel.airtimeSeconds(7, 21)).isCloseTo(0.05658, within(1e-4));
        assertThat(BatteryModel.airtimeSeconds(10, 21)).isCloseTo(0.37069, within(1e-4));
        assertThat(BatteryModel.airtimeSeconds(12, 21)).isCloseTo(1.48275, within(1e-4));
    }

    @Test
    void fewerUplinksLastLongerAndAHigherSpreadingFactorCostsMore() {
        BatteryModel sf7 = new BatteryModel(7, 8);
        BatteryModel sf10 = new BatteryModel(10, 8);
        assertThat(sf10.uplinkMah()).isGreaterThan(sf7.uplinkMah());
        assertThat(sf7.batteryDays(12)).isGreaterThan(sf7.batteryDays(24));
        assertThat(sf7.batteryDays(24)).isGreaterThan(sf10.batteryDays(24));
        // No uplinks at all: only sleep and self-discharge.
        assertThat(sf7.batteryDays(0)).isCloseTo(BatteryModel.CELL_MAH * BatteryModel.USABLE / sf7.baseMahPerDay(),
                within(1e-6));
    }
}
