package org.clearway.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.clearway.simulator.city.CitySpec;
import org.clearway.simulator.devices.Fleet;
import org.clearway.simulator.model.SensorSpec;
import org.clearway.simulator.model.Sleeper;
import org.clearway.simulator.payload.BadKind;

/**
 * Everything a {@link Simulation} is made from; built and checked by {@link SimulationBuilder}.
 *
 * @param start          simulated time at the start (whole seconds)
 * @param speed          simulated seconds per wall-clock second, 1 or more, or infinite for "no limit"
 * @param topicPrefix    before {@code bins/}, such as {@code city-a/}, or empty
 * @param badShare       chance, 0 to 1, that a message is bad
 * @param badKinds       the bad kinds to choose from
 * @param duplicateShare chance, 0 to 1, that a message is sent twice in a row
 * @param maxAge         the ingest's maximum reading age ({@code CLEARWAY_MAX_READING_AGE})
 * @param fleet          which sensor each bin carries: the contract's, or LoRaWAN devices behind network servers
 */
public record SimulationSettings(long seed, CitySpec city, SensorSpec sensors, Instant start, double speed,
                                 String topicPrefix, double badShare, Set<BadKind> badKinds, double duplicateShare,
                                 Duration maxAge, Clock clock, Sleeper sleeper, Fleet fleet) {
    public SimulationSettings {
        badKinds = Set.copyOf(badKinds);
    }
}
