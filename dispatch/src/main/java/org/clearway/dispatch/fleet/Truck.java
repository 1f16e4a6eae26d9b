package org.clearway.dispatch.fleet;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * A collection truck (table {@code trucks}).
 *
 * @param depotId          its home depot
 * @param streams          the waste streams it may collect, sorted
 * @param capacityVolumeL  what one load may hold, litres
 * @param capacityWeightKg and weigh, kilograms
 * @param shiftStart       earliest departure, local time
 * @param shiftEnd         latest return; {@link LocalTime#MAX} stands for 24:00
 */
public record Truck(String id, String depotId, List<String> streams, double capacityVolumeL, double capacityWeightKg,
                    LocalTime shiftStart, LocalTime shiftEnd, TruckStatus status) {

    public Truck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(depotId, "depotId");
        Objects.requireNonNull(shiftStart, "shiftStart");
        Objects.requireNonNull(shiftEnd, "shiftEnd");
        Objects.requireNonNull(status, "status");
        streams = streams.stream().distinct().sorted().toList();
    }
}
