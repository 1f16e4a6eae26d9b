package org.clearway.simulator.trucks;

/** The truck protocol's topics under the configured prefix (docs/trucks.md). */
public record TruckTopicNames(String prefix) {
    public TruckTopicNames {
        prefix = prefix == null ? "" : prefix;
    }

    public String route(String truckId) {
        return prefix + "trucks/" + truckId + "/route";
    }

    public String position(String truckId) {
        return prefix + "trucks/" + truckId + "/position";
    }

    public String updates(String truckId) {
        return prefix + "trucks/" + truckId + "/updates";
    }

    public String replies(String truckId) {
        return prefix + "trucks/" + truckId + "/replies";
    }
}
