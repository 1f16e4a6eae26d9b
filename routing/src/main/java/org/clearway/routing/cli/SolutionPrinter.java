package org.clearway.routing.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.Violation;
import org.clearway.routing.insert.UnplannedStop;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Visit;

/** Prints a solution as readable text: one table per truck, then the unplanned stops and the checker's verdict. */
final class SolutionPrinter {

    private final PrintWriter out;

    SolutionPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(Solution solution, CheckReport check, List<UnplannedStop> reasons) {
        out.printf(Locale.ROOT, "Problem %s: %d trucks, distance %.2f, cost %.2f, %s after %.1f s%n",
                solution.problemName(), solution.vehiclesUsed(), solution.distance(), solution.cost(),
                solution.stats().status(), solution.stats().elapsedMillis() / 1000.0);
        for (Route route : solution.routes()) {
            out.println();
            out.printf(Locale.ROOT, "Truck %s: %d stops, %d unloads, distance %.2f%s%n", route.vehicleId(), route.stopCount(),
                    route.unloadCount(), route.distance(),
                    route.breakStart() == null ? "" : ", break at " + clock(route.breakStart()));
            out.printf(Locale.ROOT, "  %3s %-7s %-14s %10s %10s %10s %10s%n", "#", "kind", "id", "arrival", "start",
                    "load_l", "load_kg");
            int n = 0;
            for (Visit visit : route.visits()) {
                out.printf(Locale.ROOT, "  %3d %-7s %-14s %10s %10s %10d %10d%n", n++, visit.kind(), visit.id(),
                        clock(visit.arrival()), clock(visit.start()), visit.load().volume(), visit.load().weight());
            }
        }
        out.println();
        if (!solution.unplanned().isEmpty()) {
            out.println("Unplanned stops (" + solution.unplanned().size() + "), each with the rule no truck could meet:");
            for (UnplannedStop reason : reasons) {
                out.printf(Locale.ROOT, "  %-14s %-8s %s%n", reason.stopId(), reason.reason().label(), reason.detail());
            }
        }
        out.printf(Locale.ROOT, "Checker: %s (recomputed distance %.2f)%n", check.verdict(), check.distance());
        for (Violation violation : check.violations()) {
            out.println("  " + violation);
        }
    }

    /** Seconds from the start of the day as h:mm:ss (fractions rounded). */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
