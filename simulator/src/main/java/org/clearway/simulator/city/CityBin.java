package org.clearway.simulator.city;

/**
 * A bin of the simulated city (its fixed facts; its fill lives in whatever simulates it: the lab's simulation or
 * the live simulator's sensor).
 *
 * @param index          position in {@link City#bins()}
 * @param id             the bin's id, e.g. {@code bin-0042}
 * @param stream         its waste stream
 * @param district       the district (and so the depot and trucks) it belongs to
 * @param community      the community (cluster of streets) it stands in
 * @param x              east, metres from the city's south-west corner
 * @param y              north, metres
 * @param ratePctPerHour its mean fill rate over a week, percent of its volume per hour
 */
public record CityBin(int index, String id, StreamSpec stream, int district, int community, double x, double y,
                     double ratePctPerHour) {

    /** Days from empty to full at the mean rate. */
    public double meanDaysToFull() {
        return 100.0 / (ratePctPerHour * 24);
    }
}
