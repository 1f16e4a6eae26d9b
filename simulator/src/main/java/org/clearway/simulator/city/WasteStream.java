package org.clearway.simulator.city;

/** The waste streams of the registry ({@code waste_streams.code}), with the bin sizes each is sold in. */
public enum WasteStream {
    KITCHEN("kitchen", new int[] {120, 240}, 0.50),
    RECYCLABLE("recyclable", new int[] {240, 660, 1100}, 0.07),
    HAZARDOUS("hazardous", new int[] {60, 120}, 0.30),
    RESIDUAL("residual", new int[] {240, 660, 1100, 3000}, 0.15);

    private final String code;
    private final int[] volumesL;
    private final double kgPerLitre;

    WasteStream(String code, int[] volumesL, double kgPerLitre) {
        this.code = code;
        this.volumesL = volumesL;
        this.kgPerLitre = kgPerLitre;
    }

    /** Loose bulk density of the waste in a bin, kilograms per litre (what a truck weighs when it empties one). */
    public double kgPerLitre() {
        return kgPerLitre;
    }

    /** The code stored in {@code bins.stream}. */
    public String code() {
        return code;
    }

    int volumeChoice(int i) {
        return volumesL[Math.floorMod(i, volumesL.length)];
    }

    int volumeChoices() {
        return volumesL.length;
    }
}
