package org.clearway.simulator.city;

import java.util.List;

/**
 * The simulated city's size and make-up.
 *
 * @param seed            everything random derives from it
 * @param bins            number of bins
 * @param streams         the waste streams and their shares (renormalised)
 * @param trucksPerStream trucks per district and stream
 */
public record CityConfig(long seed, int bins, List<StreamSpec> streams, int trucksPerStream) {

    /** Bins per community (a few streets around a square). */
    public static final int BINS_PER_COMMUNITY = 25;
    /** Bins per km² of the city (the default city of 3,000 bins is 10 km by 8 km). */
    public static final double BINS_PER_KM2 = 37.5;
    /** Districts, a 2 by 2 grid; each has its own depot and trucks. */
    public static final int DISTRICT_COLUMNS = 2;
    public static final int DISTRICT_ROWS = 2;

    public CityConfig {
        streams = List.copyOf(streams);
        if (bins < 1 || streams.isEmpty() || trucksPerStream < 1) {
            throw new IllegalArgumentException("need at least one bin, one stream and one truck per stream, got "
                    + bins + " bins, " + streams.size() + " streams, " + trucksPerStream + " trucks");
        }
    }

    public int districts() {
        return DISTRICT_COLUMNS * DISTRICT_ROWS;
    }
}
