package org.clearway.simulator.city;

import java.util.List;

/** The synthetic city: its zones (districts first, then streets, then communities) and its bins. */
public record City(List<SimZone> zones, List<SimBin> bins) {
    public City {
        zones = List.copyOf(zones);
        bins = List.copyOf(bins);
    }
}
