package org.clearway.simulator;

import org.clearway.simulator.expect.Expectation;
import org.clearway.simulator.expect.ExpectedReading;
import org.clearway.simulator.expect.ExpectedRejection;
import org.clearway.simulator.expect.ReadingKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.clearway.core.contract.RejectReason;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

    private static Publication valid(long seq, String bin, Instant... ts) {
        List<ExpectedReading> readings = java.util.Arrays.stream(ts)
                .map(t -> new ExpectedReading(new ReadingKey(bin, t), 50)).toList();
        return new Publication(seq, "bins/" + bin + "/telemetry", ("p" + seq).getBytes(StandardCharsets.UTF_8),
                new Expectation(readings, List.of(), "valid", false));
    }

    private static Publication bad(long seq, String topic, String payload, RejectReason reason, int index) {
        return new Publication(seq, topic, payload.getBytes(StandardCharsets.UTF_8),
                new Expectation(List.of(), List.of(new ExpectedRejection(reason, index)), reason.code(), false));
    }

    @Test
    void countsReadingsByKeyAndDuplicatesApart() {
        Ledger ledger = new Ledger();
        Publication a = valid(0, "sim-00001", T, T.plusSeconds(900));
        ledger.record(a);
        ledger.record(a.duplicate(1));
        ledger.record(valid(2, "sim-00002", T));
        ledger.record(valid(3, "sim-00001", T.plusSeconds(900)));  // the same key again, as a rerun would
        assertThat(ledger.publications()).isEqualTo(4);
        assertThat(ledger.duplicates()).isEqualTo(1);
        assertThat(ledger.validReadingsSent()).isEqualTo(6);
        assertThat(ledger.distinctValidReadings()).isEqualTo(3);
        assertThat(ledger.validReadingKeys()).containsExactlyInAnyOrder(new ReadingKey("sim-00001", T),
                new ReadingKey("sim-00001", T.plusSeconds(900)), new ReadingKey("sim-00002", T));
        assertThat(ledger.expectedFill(new ReadingKey("sim-00002", T))).hasValue(50);
        assertThat(ledger.expectedFill(new ReadingKey("sim-00003", T))).isEmpty();
    }

    @Test
    void countsRejectionsAsTheStoreKeepsThem() {
        Ledger ledger = new Ledger();
        Publication empty = bad(0, "bins/sim-00001/telemetry", "[]", RejectReason.EMPTY_BATCH, -1);
        ledger.record(empty);
        ledger.record(empty.duplicate(1));
        // The same payload on the same topic again is the same row, even when not flagged a duplicate.
        ledger.record(bad(2, "bins/sim-00001/telemetry", "[]", RejectReason.EMPTY_BATCH, -1));
        ledger.record(bad(3, "bins/sim-00002/telemetry", "[]", RejectReason.EMPTY_BATCH, -1));
        ledger.record(bad(4, "bins/sim-00002/telemetry", "{\"ts\":1}", RejectReason.WRONG_TYPE, -1));
        ledger.record(bad(5, "bins/sim-00002/telemetry", "[{}, {}]", RejectReason.MISSING_TS, 1));
        assertThat(ledger.expectedRejections()).isEqualTo(Map.of(RejectReason.EMPTY_BATCH, 2L,
                RejectReason.WRONG_TYPE, 1L, RejectReason.MISSING_TS, 1L));
        assertThat(ledger.distinctRejections()).isEqualTo(4);
        assertThat(ledger.rejectionOccurrences()).isEqualTo(Map.of(RejectReason.EMPTY_BATCH, 4L,
                RejectReason.WRONG_TYPE, 1L, RejectReason.MISSING_TS, 1L));
        assertThat(ledger.distinctValidReadings()).isZero();
    }

    @Test
    void aSimulationsLedgerCountsEveryKeyOnce() {
        var clock = java.time.Clock.fixed(T, java.time.ZoneOffset.UTC);
        Simulation sim = Simulation.builder().seed(11).bins(20).maxSpeed().clock(clock).sleeper(TestClock.NO_WAIT)
                .duplicateShare(0.2).badShare(0.1).build();
        Ledger ledger = new Ledger();
        long originals = 0;
        long readings = 0;
        for (Publication p : sim.stream(2_000).toList()) {
            ledger.record(p);
            if (!p.expectation().duplicate()) {
                originals++;
                readings += p.expectation().valid().size();
            }
        }
        assertThat(ledger.duplicates()).isEqualTo(2_000 - originals).isPositive();
        // A simulation never sends one key twice except in a deliberate duplicate.
        assertThat(ledger.distinctValidReadings()).isEqualTo(readings);
        assertThat(ledger.expectedRejections().values().stream().mapToLong(Long::longValue).sum()).isPositive();
    }
}
