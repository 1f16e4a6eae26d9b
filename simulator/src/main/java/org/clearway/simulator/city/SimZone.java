package org.clearway.simulator.city;

import java.util.Objects;

/**
 * One zone of the synthetic city; {@code parent} is null for a district.
 *
 * @param lat the zone's centre, degrees
 * @param lon the zone's centre, degrees
 */
public record SimZone(String id, ZoneLevel level, String name, SimZone parent, double lat, double lon) {
    public SimZone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(level, "level");
        if ((level == ZoneLevel.DISTRICT) != (parent == null)) {
            throw new IllegalArgumentException("zone " + id + ": a district has no parent, every other zone has one");
        }
    }

    /** The parent's id, or null for a district. */
    public String parentId() {
        return parent == null ? null : parent.id();
    }
}
