package org.clearway.lab.policy;

import java.util.Map;
import java.util.TreeMap;

/**
 * One policy's figures per waste stream over the measured weeks, to see where its kilometres and overflow go.
 *
 * @param truckKm          route lengths of the stream's planner runs, closing runs included, km
 * @param truckDays        the stream's trucks that left the depot, summed over days
 * @param collections      the stream's bins emptied
 * @param overflowBinHours hours the stream's bins spent at 100 %
 */
public record StreamFigures(double truckKm, long truckDays, long collections, double overflowBinHours) {

    static final StreamFigures NONE = new StreamFigures(0, 0, 0, 0);

    StreamFigures plus(StreamFigures other) {
        return new StreamFigures(truckKm + other.truckKm, truckDays + other.truckDays,
                collections + other.collections, overflowBinHours + other.overflowBinHours);
    }

    /** Accumulates figures by stream code, in the codes' order. */
    static final class Tally {
        private final Map<String, StreamFigures> byStream = new TreeMap<>();

        void add(String stream, StreamFigures figures) {
            byStream.merge(stream, figures, StreamFigures::plus);
        }

        Map<String, StreamFigures> figures() {
            return Map.copyOf(new TreeMap<>(byStream));
        }
    }
}
