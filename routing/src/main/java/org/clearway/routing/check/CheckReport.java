package org.clearway.routing.check;

import java.util.List;

/**
 * The checker's verdict.
 *
 * @param distance recomputed total distance
 * @param cost     recomputed distance plus fixed costs of the used trucks
 */
public record CheckReport(List<Violation> violations, double distance, double cost) {

    public CheckReport {
        violations = List.copyOf(violations);
    }

    public boolean feasible() {
        return violations.isEmpty();
    }

    public String verdict() {
        return feasible() ? "FEASIBLE" : "INFEASIBLE (" + violations.size() + " violations)";
    }
}
