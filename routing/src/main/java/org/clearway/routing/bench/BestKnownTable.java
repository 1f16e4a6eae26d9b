package org.clearway.routing.bench;

import java.util.Map;
import java.util.Optional;

/**
 * Best-known values for the sets whose files do not carry them. CVRPLIB values come from each instance's own
 * {@code .sol} file instead.
 *
 * <p>Source of both tables: {@code jsprit-instances/src/main/java/com/graphhopper/jsprit/instance/util/Instances.java}
 * in GitHub {@code graphhopper/jsprit} at commit {@code d42a3e46e173e446dd7115559d688a72eda4fad1}, as quoted in
 * {@code benchmarks/vrp-data/README.md}. The Solomon values use the hierarchical objective (vehicles first, then
 * distance) and were recorded around 2014.
 */
public final class BestKnownTable {

    private static final String JSPRIT = "jsprit Instances.java @ d42a3e46";

    private static final Map<String, BestKnown> SOLOMON = Map.of(
            "C101", new BestKnown(828.94, 10, JSPRIT),
            "C201", new BestKnown(591.56, 3, JSPRIT),
            "R101", new BestKnown(1650.80, 19, JSPRIT),
            "R102", new BestKnown(1486.12, 17, JSPRIT),
            "R201", new BestKnown(1252.37, 4, JSPRIT),
            "RC101", new BestKnown(1696.94, 14, JSPRIT),
            "RC201", new BestKnown(1406.94, 4, JSPRIT));

    /**
     * jsprit lists distance only; the vehicle counts are those of the CVRPLIB twins with the same coordinates and
     * capacity (E-n51-k5 and M-n101-k10, whose .sol files use 5 and 10 routes).
     */
    private static final Map<String, BestKnown> CHRISTOFIDES = Map.of(
            "vrpnc1", new BestKnown(524.61, 5, JSPRIT + "; vehicles from E-n51-k5.sol"),
            "vrpnc12", new BestKnown(819.56, 10, JSPRIT + "; vehicles from M-n101-k10.sol"));

    private BestKnownTable() {
    }

    public static Optional<BestKnown> solomon(String instance) {
        return Optional.ofNullable(SOLOMON.get(instance));
    }

    public static Optional<BestKnown> christofides(String instance) {
        return Optional.ofNullable(CHRISTOFIDES.get(instance));
    }
}
