package org.clearway.routing.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.clearway.routing.bench.BenchmarkResult;
import org.clearway.routing.bench.BenchmarkSet;

/** Prints benchmark results as a fixed-width table. */
final class BenchmarkTable {

    private static final String ROW = "%-13s %-12s %10s %4s %10s %4s %8s %7s  %s%n";

    private final PrintWriter out;

    BenchmarkTable(PrintWriter out) {
        this.out = out;
    }

    void header() {
        out.printf(Locale.ROOT, ROW, "instance", "set", "cost", "veh", "bks", "bveh", "gap%", "time_s", "check");
    }

    void row(BenchmarkResult r) {
        String check = r.check().verdict() + (r.solution().unplanned().isEmpty() ? ""
                : ", " + r.solution().unplanned().size() + " unplanned");
        if (!r.check().feasible()) {
            check += " first: " + r.check().violations().get(0);
        }
        out.printf(Locale.ROOT, ROW, r.instance().name(), r.instance().set().label(),
                String.format(Locale.ROOT, "%.2f", r.solution().distance()), r.solution().vehiclesUsed(),
                String.format(Locale.ROOT, "%.2f", r.instance().bestKnown().cost()), r.instance().bestKnown().vehicles(),
                String.format(Locale.ROOT, "%.2f", r.gapPercent()), String.format(Locale.ROOT, "%.1f", r.seconds()), check);
    }

    void summary(Map<BenchmarkSet, List<BenchmarkResult>> bySet) {
        out.println();
        for (Map.Entry<BenchmarkSet, List<BenchmarkResult>> entry : bySet.entrySet()) {
            List<BenchmarkResult> results = entry.getValue();
            double meanGap = results.stream().mapToDouble(BenchmarkResult::gapPercent).average().orElse(Double.NaN);
            long atBestVehicles = results.stream().filter(r -> r.extraVehicles() <= 0).count();
            long feasible = results.stream().filter(r -> r.check().feasible()).count();
            out.printf(Locale.ROOT, "%-13s mean gap %.2f%% over %d instances; %d/%d at or below the best-known vehicle "
                    + "count; %d/%d feasible%n", entry.getKey().label(), meanGap, results.size(), atBestVehicles,
                    results.size(), feasible, results.size());
        }
    }
}
