package org.clearway.dispatch.leader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.Test;

class PacedChoreTest {
    private final FakeClock clock = FakeClock.at("2026-11-28T08:00:00Z");
    private final List<Instant> runs = new ArrayList<>();
    private boolean more;

    private final PacedChore chore = new PacedChore(Duration.ofMinutes(10), clock, (c, now) -> {
        runs.add(now);
        return more;
    });

    @Test
    void worksOnItsFirstTurnThenOncePerInterval() throws Exception {
        chore.run(null);
        clock.advance(Duration.ofMinutes(9));
        chore.run(null);
        assertThat(runs).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        chore.run(null);
        assertThat(runs).containsExactly(Instant.parse("2026-11-28T08:00:00Z"), Instant.parse("2026-11-28T08:10:00Z"));
    }

    @Test
    void aRunWithMoreLeftRunsAgainAtTheNextTurn() throws Exception {
        more = true;
        chore.run(null);
        chore.run(null);
        more = false;
        chore.run(null);
        chore.run(null);
        assertThat(runs).hasSize(3);
    }

    @Test
    void aClockThatWentBackDoesNotStallIt() throws Exception {
        chore.run(null);
        clock.set(Instant.parse("2026-11-28T07:00:00Z"));
        chore.run(null);
        assertThat(runs).hasSize(2);
    }
}
