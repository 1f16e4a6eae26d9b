package org.clearway.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.clearway.decisions.Decision.StuckFlag;
import org.junit.jupiter.api.Test;

class StuckSensorDecisionTest {

    @Test
    void flaggedOnceWhenFlatFor48HoursWhileNeighboursRose() {
        BinRun bin = BinRun.residual().neighboursRose(20.0);
        bin.read(30);
        bin.read(30);
        Instant flatSince = bin.at();

        bin.hold(30.5, Duration.ofHours(60));

        assertThat(bin.decisions()).filteredOn(StuckFlag.class::isInstance)
                .containsExactly(new StuckFlag("bin-1", flatSince, 30.5));
        assertThat(bin.state().stuckFlagged()).isTrue();
    }

    @Test
    void notFlaggedWhenNeighboursStayedFlatTooOrAreUnknown() {
        BinRun quietStreet = BinRun.residual().neighboursRose(5.0);
        BinRun unknown = BinRun.residual().neighboursRose(null);

        quietStreet.hold(30, Duration.ofHours(60));
        unknown.hold(30, Duration.ofHours(60));

        assertThat(quietStreet.decisions()).noneMatch(StuckFlag.class::isInstance);
        assertThat(unknown.decisions()).noneMatch(StuckFlag.class::isInstance);
    }

    @Test
    void notFlaggedBefore48Hours() {
        BinRun bin = BinRun.residual().neighboursRose(40.0);

        bin.hold(30, Duration.ofHours(47));

        assertThat(bin.decisions()).noneMatch(StuckFlag.class::isInstance);
    }

    @Test
    void aChangeBeyondTheNoiseStartsANewStretch() {
        BinRun bin = BinRun.residual().neighboursRose(20.0);
        bin.hold(30, Duration.ofHours(49));
        assertThat(bin.state().stuckFlagged()).isTrue();

        bin.hold(35, Duration.ofHours(47));
        assertThat(bin.state().stuckFlagged()).isFalse();
        bin.hold(35, Duration.ofHours(2));

        assertThat(bin.decisions()).filteredOn(StuckFlag.class::isInstance).hasSize(2);
    }
}
