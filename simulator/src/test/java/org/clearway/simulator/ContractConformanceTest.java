package org.clearway.simulator;

import org.clearway.simulator.expect.ExpectedRejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.clearway.core.contract.RejectReason;
import org.clearway.simulator.payload.BadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every payload the simulation labels valid is accepted by the ingest's decoder with exactly the
 * expected readings and fills; every bad one is rejected with exactly the labelled reason and index.
 */
class ContractConformanceTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void mixedTrafficMatchesTheDecoder() {
        Simulation sim = Simulation.builder().seed(7).bins(40).maxSpeed().clock(clock).sleeper(TestClock.NO_WAIT)
                .topicPrefix("city-a/")
                .badShare(0.3).duplicateShare(0.1).distanceShare(0.5).outageShare(0.02).alarmRate(20).build();
        Decoding decoding = new Decoding("city-a/", clock, sim.bins());
        Set<String> kinds = new TreeSet<>();
        List<Publication> all = sim.stream(6_000).toList();
        for (Publication p : all) {
            decoding.check(p);
            kinds.add(p.expectation().kind());
        }
        Set<String> expected = new TreeSet<>(List.of("valid", "batch"));
        EnumSet.allOf(BadKind.class).forEach(k -> expected.add(k.reason().code()));
        assertThat(kinds).isEqualTo(expected);
        assertThat(all).anySatisfy(p -> assertThat(p.expectation().duplicate()).isTrue());
        assertThat(all).anySatisfy(p -> assertThat(p.expectation().valid()).hasSizeGreaterThan(20));
    }

    @ParameterizedTest
    @EnumSource(BadKind.class)
    void eachBadKindIsRejectedForItsReason(BadKind kind) {
        Simulation sim = Simulation.builder().seed(kind.ordinal()).bins(30).maxSpeed().clock(clock).sleeper(TestClock.NO_WAIT)
                .badShare(1).badKinds(EnumSet.of(kind)).outageShare(0.05).distanceShare(0.5).build();
        Decoding decoding = new Decoding("", clock, sim.bins());
        List<Publication> all = sim.stream(800).toList();
        for (Publication p : all) {
            decoding.check(p);
            assertThat(p.expectation().rejections()).extracting(ExpectedRejection::reason).containsExactly(kind.reason());
        }
        assertThat(all).anySatisfy(p -> assertThat(p.expectation().rejections().get(0).itemIndex()).isEqualTo(-1));
        if (kind.perReading()) {
            // Also as one bad reading in a buffered batch, whose other readings stay valid.
            assertThat(all).anySatisfy(p -> {
                assertThat(p.expectation().rejections().get(0).itemIndex()).isNotNegative();
                assertThat(p.expectation().valid()).isNotEmpty();
            });
        }
    }

    /**
     * Every payload fault has its bad kind; unstorable is the database's doing and rate_limited a sensor's rate;
     * undecodable and unknown_device belong to network servers' uplinks (docs/devices.md), not to the contract's topic.
     */
    @Test
    void everyRejectReasonOfAPayloadIsCovered() {
        Set<RejectReason> covered = EnumSet.noneOf(RejectReason.class);
        for (BadKind k : BadKind.values()) {
            covered.add(k.reason());
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).containsExactlyInAnyOrder(RejectReason.UNSTORABLE,
                RejectReason.RATE_LIMITED, RejectReason.UNDECODABLE, RejectReason.UNKNOWN_DEVICE);
    }
}
