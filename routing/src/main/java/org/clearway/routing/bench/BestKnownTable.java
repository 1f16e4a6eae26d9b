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

    private static final String KIM_SOURCES = "benchmarks/vrp-data/README.md, section 4: ";

    /**
     * Kim, Kim and Sahoo (2006): the lowest published vehicle count and the shortest total distance in miles published
     * with it (fewest vehicles first, as for Solomon), from the papers' own tables as quoted in the data README.
     * 1351 and 2100 also have a shorter distance published with one truck more (named in the source).
     */
    private static final Map<String, BestKnown> KIM = Map.of(
            "444", new BestKnown(78.3, 11, KIM_SOURCES + "Buhrkal et al. 2012"),
            "804", new BestKnown(586.2, 5, KIM_SOURCES + "Buhrkal et al. 2012"),
            "1051", new BestKnown(2250.5, 17, KIM_SOURCES + "Benjamin & Beasley 2010"),
            "1351", new BestKnown(1011.9, 7, KIM_SOURCES + "Benjamin & Beasley 2010; 8 / 828.1 Buhrkal et al. 2012"),
            "1599", new BestKnown(1170.2, 13, KIM_SOURCES + "Buhrkal et al. 2012"),
            "1932", new BestKnown(1128.7, 16, KIM_SOURCES + "Buhrkal et al. 2012"),
            "2100", new BestKnown(1749.0, 16, KIM_SOURCES + "Benjamin & Beasley 2010; 17 / 1594.2 Buhrkal et al. 2012"));

    private BestKnownTable() {
    }

    public static Optional<BestKnown> solomon(String instance) {
        return Optional.ofNullable(SOLOMON.get(instance));
    }

    public static Optional<BestKnown> christofides(String instance) {
        return Optional.ofNullable(CHRISTOFIDES.get(instance));
    }

    /** @param instance the instance's number, e.g. "444" */
    public static Optional<BestKnown> kim(String instance) {
        return Optional.ofNullable(KIM.get(instance));
    }
}
