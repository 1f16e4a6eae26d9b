package org.clearway.simulator.trucks;

import java.time.Instant;
import java.util.Optional;
import org.clearway.simulator.Emptied;
import org.clearway.simulator.Simulation;

/** The bins the trucks empty. */
@FunctionalInterface
public interface BinYard {
    /** Empties the bin at simulated instant {@code at}; empty when the bin is not simulated here. */
    Optional<Emptied> empty(String binId, Instant at);

    /** No simulated bins: collections carry no weight or volume. */
    BinYard NONE = (binId, at) -> Optional.empty();

    /** The bins of a running sensor simulation: an emptied bin's next reading shows the drop. */
    static BinYard of(Simulation simulation) {
        return simulation::emptyBin;
    }
}
