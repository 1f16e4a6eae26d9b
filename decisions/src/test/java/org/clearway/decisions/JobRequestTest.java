package org.clearway.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.clearway.decisions.Decision.CreateJob;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.Priority;
import org.junit.jupiter.api.Test;

/** Jobs asked for by hand, and a collection asked for again after one that did not happen. */
class JobRequestTest {

    @Test
    void rearmLetsABinThatStaysFullAskAgainAfterAFailedCollection() {
        BinRun bin = BinRun.residual();
        bin.hold(50, Duration.ofHours(3));
        bin.read(85, 86);
        bin.close(JobReason.THRESHOLD);
        bin.read(87);
        assertThat(bin.jobs(JobReason.THRESHOLD)).as("still triggered: no new crossing").hasSize(1);

        BinState rearmed = bin.engine().rearm(bin.state());
        BinReading next = BinReading.of("bin-1", bin.at().plus(BinRun.INTERVAL), 88);
        BinDecisionEngine.Result result = bin.engine().decide(rearmed,
                DecisionInput.of(next, new BinFacts("bin-1", "residual", null, "zone-a", List.of())));

        assertThat(result.decisions()).singleElement().extracting(d -> ((CreateJob) d).reason()).isEqualTo(JobReason.THRESHOLD);
    }

    @Test
    void manualJobsOneOpenAtATime() {
        BinDecisionEngine engine = BinRun.residual().engine();
        Instant now = BinRun.START;

        Optional<CreateJob> first = engine.manual("bin-1", Set.of(JobReason.THRESHOLD), now, now.plusSeconds(3600),
                Priority.NORMAL, "complaint by phone");
        Optional<CreateJob> second = engine.manual("bin-1", Set.of(JobReason.MANUAL), now, now, Priority.URGENT, "again");

        assertThat(first).get().extracting(CreateJob::reason, CreateJob::cause)
                .containsExactly(JobReason.MANUAL, "complaint by phone");
        assertThat(second).isEmpty();
    }
}
