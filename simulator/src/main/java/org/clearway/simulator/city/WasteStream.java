package org.clearway.simulator.city;

/** The waste streams of the registry ({@code waste_streams.code}), with the bin sizes each is sold in. */
public enum WasteStream {
    KITCHEN("kitchen", new int[] {120, 240}),
    RECYCLABLE("recyclable", new int[] {240, 660, 1100}),
    HAZARDOUS("hazardous", new int[] {60, 120}),
    RESIDUAL("residual", new int[] {240, 660, 1100, 3000});

    private final String code;
    private final int[] volumesL;

    WasteStream(String code, int[] volumesL) {
        this.code = code;
        this.volumesL = volumesL;
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
