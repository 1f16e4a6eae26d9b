package org.clearway.lab.policy;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.clearway.simulator.city.CityBin;

/**
 * Decides which bins the trucks empty each shift day. The simulation tells it every sensor reading and every
 * emptying, and asks it once per shift day; a policy keeps whatever state it needs.
 */
public interface CollectionPolicy {

    /** Short name, for the table: {@code calendar}, {@code threshold}, {@code forecast}. */
    String name();

    /** A sensor reading arrived. */
    void reading(CityBin bin, Instant at, double fillPct);

    /** The bins to empty in the day's shift, each once, in bin order. */
    List<Selection> select(PlanningDay day);

    /** The day's plan could not fit these bins (they stay for a later day). */
    default void unplanned(Collection<Integer> bins, PlanningDay day) {
    }

    /** The policy's collection days as they stand, for the progress output (shown when they change); may be empty. */
    default String schedule() {
        return "";
    }

    /** A truck emptied the bin. */
    void emptied(CityBin bin, Instant at);
}
