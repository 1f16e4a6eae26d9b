package org.clearway.api.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PickupRollupTest {

    @Test
    void valuesAloneInTheirBucketGiveExactlyPercentileCont() {
        // 2 h, 4 h, 6 h: percentile_cont(0.5) = 4 h, (0.9) = 4 h + 0.8 * 2 h.
        List<PickupRollup.Bucket> h = List.of(new PickupRollup.Bucket(1, 7200, 7200),
                new PickupRollup.Bucket(1, 14400, 14400), new PickupRollup.Bucket(1, 21600, 21600));
        assertThat(PickupRollup.percentile(h, 0.5)).isEqualTo(14400.0);
        assertThat(PickupRollup.percentile(h, 0.9)).isEqualTo(14400 + 0.8 * 7200);
    }

    @Test
    void aBucketsValuesAreSpreadFromItsLeastToItsGreatest() {
        // 5 values in [600, 840]: estimated 600, 660, 720, 780, 840; the median is the middle one.
        List<PickupRollup.Bucket> h = List.of(new PickupRollup.Bucket(5, 600, 840));
        assertThat(PickupRollup.percentile(h, 0.5)).isEqualTo(720.0);
        assertThat(PickupRollup.percentile(h, 0.0)).isEqualTo(600.0);
        assertThat(PickupRollup.percentile(h, 1.0)).isEqualTo(840.0);
        assertThat(PickupRollup.percentile(h, 0.9)).isCloseTo(780 + 0.6 * 60, within(1e-9));
    }

    @Test
    void equalValuesAreExactAndAnEmptyHistogramHasNoPercentile() {
        assertThat(PickupRollup.percentile(List.of(new PickupRollup.Bucket(7, 5400, 5400)), 0.9)).isEqualTo(5400.0);
        assertThat(PickupRollup.percentile(List.of(), 0.5)).isNull();
    }
}
