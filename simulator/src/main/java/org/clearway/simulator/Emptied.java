package org.clearway.simulator;

import org.clearway.simulator.city.SimBin;

/**
 * What a truck found in a simulated bin it emptied.
 *
 * @param fillPct the bin's fill at its last measurement before the emptying, percent
 */
public record Emptied(SimBin bin, double fillPct) {
    /** The litres of waste taken: fill times the bin's volume. */
    public double volumeL() {
        return bin.volumeL() * fillPct / 100.0;
    }
}
