package org.clearway.dispatch.fleet;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * A depot, transfer station or treatment plant (table {@code facilities}).
 *
 * @param acceptedStreams the waste streams it takes in, sorted; empty for a depot
 * @param opens           when it opens each day, local time
 * @param closes          when it closes; {@link LocalTime#MAX} stands for 24:00
 */
public record FleetFacility(String id, FacilityKind kind, String name, double lat, double lon,
                            List<String> acceptedStreams, LocalTime opens, LocalTime closes) {

    public FleetFacility {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        acceptedStreams = acceptedStreams.stream().distinct().sorted().toList();
    }
}
