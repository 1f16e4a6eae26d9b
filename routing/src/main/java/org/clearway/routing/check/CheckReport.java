package org.clearway.routing.check;

import java.util.List;

/**
 * The checker's verdict. A plan is {@link Status#FEASIBLE} only when every rule holds and every stop is served; a
 * plan whose routes keep every rule but leave stops out is {@link Status#PARTIAL}, never feasible.
 *
 * @param unplanned the stops the solution leaves out (as it lists them)
 * @param distance  recomputed total distance
 * @param cost      recomputed distance plus fixed costs of the used trucks
 */
public record CheckReport(List<Violation> violations, List<String> unplanned, double distance, double cost) {

    /** What a plan is worth. */
    public enum Status {
        /** Every rule holds and every stop is served. */
        FEASIBLE,
        /** Every rule holds, but some stops are left out. */
        PARTIAL,
        /** Some rule is broken. */
        INFEASIBLE
    }

    public CheckReport {
        violations = List.copyOf(violations);
        unplanned = List.copyOf(unplanned);
    }

    public Status status() {
        return !violations.isEmpty() ? Status.INFEASIBLE : !unplanned.isEmpty() ? Status.PARTIAL : Status.FEASIBLE;
    }

    /** Every rule holds and every stop is served. */
    public boolean feasible() {
        return status() == Status.FEASIBLE;
    }

    /** Every rule holds and some stops are left out. */
    public boolean partial() {
        return status() == Status.PARTIAL;
    }

    /**
     * Every route keeps every rule, whether or not stops are left out: what a live plan needs before it is stored
     * (the stops left out stay open for the next plan).
     */
    public boolean rulesHold() {
        return violations.isEmpty();
    }

    public String verdict() {
        String left = unplanned.size() + (unplanned.size() == 1 ? " stop" : " stops") + " unplanned";
        return switch (status()) {
            case FEASIBLE -> "FEASIBLE";
            case PARTIAL -> "PARTIAL (" + left + ")";
            case INFEASIBLE -> "INFEASIBLE (" + violations.size() + " violations" + (unplanned.isEmpty() ? "" : ", " + left) + ")";
        };
    }
}
