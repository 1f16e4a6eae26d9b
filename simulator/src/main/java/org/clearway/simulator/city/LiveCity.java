package org.clearway.simulator.city;

import java.util.List;

/**
 * The live simulator's city: the city {@code model} (bins, positions, districts, communities, rates) and how it is
 * registered: its zones (districts first, then streets, then communities) and its bins with their sensors.
 * {@code bins.get(i)} is {@code model.bins().get(i)}.
 */
public record LiveCity(City model, List<SimZone> zones, List<SimBin> bins) {
    public LiveCity {
        zones = List.copyOf(zones);
        bins = List.copyOf(bins);
    }
}
