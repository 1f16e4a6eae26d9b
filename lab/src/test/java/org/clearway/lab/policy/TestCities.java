package org.clearway.lab.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;

/** Small hand-made cities for the policy tests. */
final class TestCities {

    static final StreamSpec RESIDUAL = StreamSpec.defaults().get(0);

    private TestCities() {
    }

    /** Residual bins of district 0 at the given positions (metres), each with the given rate (percent per hour). */
    static City residual(double[][] positions, double ratePctPerHour) {
        return residual(positions, new int[positions.length], ratePctPerHour);
    }

    /** Residual bins of district 0 at the given positions, in the given communities. */
    static City residual(double[][] positions, int[] communities, double ratePctPerHour) {
        List<CityBin> bins = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) {
            bins.add(new CityBin(i, String.format(Locale.ROOT, "bin-%05d", i), RESIDUAL, 0, communities[i],
                    positions[i][0], positions[i][1], ratePctPerHour));
        }
        List<City.Site> depots = List.of(new City.Site("depot-0", 1000, 1000), new City.Site("depot-1", 3000, 1000),
                new City.Site("depot-2", 1000, 3000), new City.Site("depot-3", 3000, 3000));
        List<City.Site> facilities = List.of(new City.Site(StreamSpec.TRANSFER_STATION, 0, 2000),
                new City.Site(StreamSpec.RECYCLING_CENTRE, 4000, 2000));
        return City.of(new CityConfig(1, bins.size(), List.of(RESIDUAL), 1), 4000, 4000, bins, depots, facilities, 1);
    }
}
