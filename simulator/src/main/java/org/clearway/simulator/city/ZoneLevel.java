package org.clearway.simulator.city;

/** The levels of the zone tree ({@code zones.level}): a district holds streets, a street communities. */
public enum ZoneLevel {
    DISTRICT("district"),
    STREET("street"),
    COMMUNITY("community");

    private final String code;

    ZoneLevel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
