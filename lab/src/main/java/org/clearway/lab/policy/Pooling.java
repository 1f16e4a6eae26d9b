package org.clearway.lab.policy;

import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CityConfig;

/**
 * Which bins a planner run gets together, with which trucks: a district's own, those of a half of the city, or the
 * whole city's. The same for every policy (it is part of the shared {@link ShiftPlanner}).
 */
enum Pooling {
    /** one run per district and stream with the district's trucks: trucks never cross a district border */
    DISTRICT,
    /** one run per half of the city (west, east) and stream with the trucks of the half's two depots */
    HALF,
    /** one run per stream with the trucks of every depot, as the live dispatch plans the city's open jobs */
    CITY;

    /** The planner run a bin belongs to (with its stream). */
    String key(CityBin bin) {
        return switch (this) {
            case DISTRICT -> "district-" + bin.district() + "/" + bin.stream().code();
            case HALF -> "half-" + half(bin.district()) + "/" + bin.stream().code();
            case CITY -> "city/" + bin.stream().code();
        };
    }

    /** Whether the trucks of {@code depotDistrict}'s depot serve the run of a bin of {@code district}. */
    boolean shares(int depotDistrict, int district) {
        return switch (this) {
            case DISTRICT -> depotDistrict == district;
            case HALF -> half(depotDistrict) == half(district);
            case CITY -> true;
        };
    }

    /** The half of the city (0 west, 1 east) of a district: districts are numbered row by row. */
    private static int half(int district) {
        return district % CityConfig.DISTRICT_COLUMNS;
    }
}
