package org.clearway.routing.model;

import java.util.Set;

/**
 * An unloading point (transfer station, recycling centre, incinerator).
 *
 * @param streams    waste streams it accepts; empty means every stream
 * @param opening    when trucks may start unloading
 * @param unloadTime seconds an unload takes
 */
public record Facility(String id, Location location, Set<String> streams, TimeWindow opening, long unloadTime) {

    public Facility {
        streams = streams == null ? Set.of() : Set.copyOf(streams);
        opening = opening == null ? TimeWindow.ALWAYS : opening;
    }

    public boolean accepts(String stream) {
        return streams.isEmpty() || streams.contains(stream);
    }
}
