package org.clearway.simulator.city;

/**
 * The waste streams of the registry ({@code waste_streams.code}). Their bins, rates and densities are the city
 * model's ({@link StreamSpec#registered()}).
 */
public enum WasteStream {
    KITCHEN("kitchen"),
    RECYCLABLE("recyclable"),
    HAZARDOUS("hazardous"),
    RESIDUAL("residual");

    private final String code;
    private final StreamSpec spec;

    WasteStream(String code) {
        this.code = code;
        this.spec = StreamSpec.registered().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }

    /** The stream of a registry code. */
    public static WasteStream of(String code) {
        for (WasteStream s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no registry waste stream '" + code + "' (the registry has kitchen,"
                + " recyclable, hazardous and residual)");
    }

    /** Loose bulk density of the waste in a bin, kilograms per litre (what a truck weighs when it empties one). */
    public double kgPerLitre() {
        return spec.densityKgPerL();
    }

    /** The code stored in {@code bins.stream}. */
    public String code() {
        return code;
    }

    /** The city model's description of the stream. */
    public StreamSpec spec() {
        return spec;
    }
}
