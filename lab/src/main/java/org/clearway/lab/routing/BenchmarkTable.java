package org.clearway.lab.routing;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.clearway.routing.bench.BenchmarkResult;
import org.clearway.routing.bench.BenchmarkSet;

/**
 * Prints benchmark results as a fixed-width table. An instance passes only when its plan is feasible (every stop
 * served, every rule kept); a partial or infeasible plan is marked FAILED, shows no gap and counts in no mean.
 */
final class BenchmarkTable {

    private static final String ROW = "%-13s %-12s %10s %4s %10s %4s %8s %7s  %s%n";

    private final PrintWriter out;

    BenchmarkTable(PrintWriter out) {
        this.out = out;
    }

    void header() {
        out.printf(Locale.ROOT, ROW, "instance", "set", "distance", "veh", "bks", "bveh", "gap%", "time_s", "check");
    }

    void row(BenchmarkResult r) {
        String check = r.passed() ? r.check().verdict()
                : "FAILED: " + r.check().verdict() + ", solver " + r.solution().stats().status();
        if (!r.check().rulesHold()) {
            check += " first: " + r.check().violations().get(0);
        }
        out.printf(Locale.ROOT, ROW, r.instance().name(), r.instance().set().label(),
                String.format(Locale.ROOT, "%.2f", r.reportedDistance()), r.solution().vehiclesUsed(),
                String.format(Locale.ROOT, "%.2f", r.instance().bestKnown().cost()), r.instance().bestKnown().vehicles(),
                r.passed() ? String.format(Locale.ROOT, "%.2f", r.gapPercent()) : "-",
                String.format(Locale.ROOT, "%.1f", r.seconds()), check);
    }

    void summary(Map<BenchmarkSet, List<BenchmarkResult>> bySet) {
        out.println();
        for (Map.Entry<BenchmarkSet, List<BenchmarkResult>> entry : bySet.entrySet()) {
            List<BenchmarkResult> results = entry.getValue();
            List<BenchmarkResult> passed = results.stream().filter(BenchmarkResult::passed).toList();
            long partial = results.stream().filter(r -> r.check().partial()).count();
            long infeasible = results.size() - passed.size() - partial;
            String gap = passed.isEmpty() ? "no mean gap"
                    : String.format(Locale.ROOT, "mean gap %.2f%%", passed.stream().mapToDouble(BenchmarkResult::gapPercent)
                            .average().orElseThrow());
            long atBestVehicles = passed.stream().filter(r -> r.extraVehicles() <= 0).count();
            out.printf(Locale.ROOT, "%-13s %d/%d passed (feasible, every stop served), %d failed (%d partial, %d "
                    + "infeasible); over the passed: %s, %d/%d at or below the best-known vehicle count%n",
                    entry.getKey().label(), passed.size(), results.size(), results.size() - passed.size(), partial,
                    infeasible, gap, atBestVehicles, passed.size());
        }
    }
}
