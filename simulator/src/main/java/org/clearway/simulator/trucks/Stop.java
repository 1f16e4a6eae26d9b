package org.clearway.simulator.trucks;

import java.time.Duration;
import java.time.Instant;

/**
 * One stop of a published route.
 *
 * @param jobId      the job of a {@link StopKind#BIN} stop, else null
 * @param place      the bin's id, the facility's id, or null for a break
 * @param lat        latitude, or NaN for a break (taken where the truck is)
 * @param breakTime  how long a {@link StopKind#BREAK} lasts, else zero
 * @param plannedArrival when the plan has the truck arrive, or null when the route does not say
 */
public record Stop(int seq, StopKind kind, Long jobId, String place, double lat, double lon, Duration breakTime,
                   Instant plannedArrival) {
    public Stop(int seq, StopKind kind, Long jobId, String place, double lat, double lon, Duration breakTime) {
        this(seq, kind, jobId, place, lat, lon, breakTime, null);
    }

    public boolean located() {
        return !Double.isNaN(lat) && !Double.isNaN(lon);
    }

    /** The same stop in another route: the same job, or the same facility and kind. */
    boolean sameAs(Stop other) {
        if (kind != other.kind) {
            return false;
        }
        return kind == StopKind.BIN ? jobId.equals(other.jobId) : java.util.Objects.equals(place, other.place);
    }
}
