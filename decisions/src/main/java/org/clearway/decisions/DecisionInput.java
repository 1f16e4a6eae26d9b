package org.clearway.decisions;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import org.clearway.core.job.JobReason;

/**
 * Everything the engine needs besides the bin's previous state, for one reading.
 *
 * @param reading                the new reading
 * @param facts                  the bin's registry facts
 * @param openJobReasons         reasons of the bin's jobs that are not final (from the job store)
 * @param nextPlannedVisit       the bin's next planned visit, or null when none is planned
 * @param neighbourMedianRisePct median rise of the bin's neighbours over the trailing stuck window
 *                               ({@code PolicyConfig.Quality.stuckAfter}), or null when unknown
 */
public record DecisionInput(BinReading reading, BinFacts facts, Set<JobReason> openJobReasons, Instant nextPlannedVisit,
                            Double neighbourMedianRisePct) {

    public DecisionInput {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(facts, "facts");
        if (!reading.binId().equals(facts.binId())) {
            throw new IllegalArgumentException("reading of bin " + reading.binId() + " with facts of bin " + facts.binId());
        }
        openJobReasons = openJobReasons == null ? Set.of() : Set.copyOf(openJobReasons);
    }

    /** Input with no open job, no planned visit and no neighbour information. */
    public static DecisionInput of(BinReading reading, BinFacts facts) {
        return new DecisionInput(reading, facts, Set.of(), null, null);
    }
}
