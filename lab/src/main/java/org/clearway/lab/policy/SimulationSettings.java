package org.clearway.lab.policy;

/**
 * How long and how finely a run simulates.
 *
 * @param weeks       measured weeks
 * @param warmupDays  days simulated before the measurement starts (every policy runs during them, nothing is
 *                    counted): the bins leave their random initial levels and the forecasters learn
 * @param reportSteps a sensor reports every this many 15-minute steps (4 = hourly)
 */
public record SimulationSettings(int weeks, int warmupDays, int reportSteps) {

    public SimulationSettings {
        if (weeks < 1 || warmupDays < 0 || reportSteps < 1) {
            throw new IllegalArgumentException("need weeks >= 1, warm-up days >= 0 and a report period of at least one "
                    + "step, got " + weeks + ", " + warmupDays + ", " + reportSteps);
        }
    }

    public int days() {
        return warmupDays + 7 * weeks;
    }
}
