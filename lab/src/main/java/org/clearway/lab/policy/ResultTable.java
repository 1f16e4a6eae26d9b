package org.clearway.lab.policy;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/** Prints the policies' figures as a table, the ratios to the calendar, the target's verdict, and CSV. */
final class ResultTable {

    /** Ours must drive at most this share of the calendar's kilometres (and overflow less). */
    static final double TARGET_KM_RATIO = 0.70;

    private final List<PolicyResult> results;

    ResultTable(List<PolicyResult> results) {
        this.results = List.copyOf(results);
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%-10s %10s %11s %9s %14s %11s %11s %10s %10s%n", "policy", "truck-km", "collections",
                "fill %", "overflow h/1k", "resp mean h", "resp p90 h", "truck-days", "left over");
        for (PolicyResult r : results) {
            out.printf(Locale.ROOT, "%-10s %10.1f %11d %9.1f %14.1f %11s %11s %10d %10d%n", r.policy(), r.truckKm(),
                    r.collections(), r.meanFillPct(), r.overflowPer1000BinDays(), hours(r.responseMeanHours()),
                    hours(r.responseP90Hours()), r.truckDays(), r.unplanned());
        }
        printByStream(out);
        Optional<PolicyResult> calendar = find("calendar");
        if (calendar.isPresent()) {
            out.println();
            out.println("relative to the calendar:");
            for (PolicyResult r : results) {
                if (r != calendar.get()) {
                    out.printf(Locale.ROOT, "  %-10s truck-km %s, collections %s, overflow bin-hours %s%n", r.policy(),
                            change(r.truckKm(), calendar.get().truckKm()),
                            change(r.collections(), calendar.get().collections()),
                            change(r.overflowBinHours(), calendar.get().overflowBinHours()));
                }
            }
            find("forecast").ifPresent(ours -> out.println(verdict(ours, calendar.get())));
        }
        int capped = results.stream().mapToInt(PolicyResult::cappedPlans).sum();
        if (capped > 0) {
            out.printf(Locale.ROOT, "warning: %d planner runs hit --plan-time-cap before their local optimum; "
                    + "this run may not repeat exactly (raise the cap)%n", capped);
        }
        out.flush();
    }

    /** Each policy's kilometres, truck-days, collections and overflow bin-hours per stream. */
    private void printByStream(PrintWriter out) {
        if (results.stream().allMatch(r -> r.byStream().isEmpty())) {
            return;
        }
        out.println();
        out.println("per stream: truck-km / truck-days / collections / overflow bin-hours");
        for (PolicyResult r : results) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s", r.policy()));
            new TreeMap<>(r.byStream()).forEach((stream, f) -> line.append(String.format(Locale.ROOT,
                    "  %s %.1f / %d / %d / %.0f", stream, f.truckKm(), f.truckDays(), f.collections(),
                    f.overflowBinHours())));
            out.println(line);
        }
    }

    /** Whether ours met the target: at least 30 % fewer truck-km than the calendar and fewer overflow hours. */
    static boolean targetMet(PolicyResult ours, PolicyResult calendar) {
        return ours.truckKm() <= TARGET_KM_RATIO * calendar.truckKm()
                && ours.overflowBinHours() < calendar.overflowBinHours();
    }

    static String verdict(PolicyResult ours, PolicyResult calendar) {
        return String.format(Locale.ROOT, "target (>= 30 %% fewer truck-km than the calendar AND fewer overflow "
                        + "bin-hours): %s (truck-km %s, overflow bin-hours %.0f vs %.0f)",
                targetMet(ours, calendar) ? "MET" : "NOT MET", change(ours.truckKm(), calendar.truckKm()),
                ours.overflowBinHours(), calendar.overflowBinHours());
    }

    void csv(PrintWriter out) {
        out.println("policy,truck_km,collections,mean_fill_pct,overflow_bin_hours,overflow_per_1000_bin_days,bin_days,"
                + "response_mean_h,response_p90_h,jobs,truck_days,left_over,plans,capped_plans");
        for (PolicyResult r : results) {
            out.printf(Locale.ROOT, "%s,%.3f,%d,%.3f,%.3f,%.3f,%.1f,%s,%s,%d,%d,%d,%d,%d%n", r.policy(), r.truckKm(),
                    r.collections(), r.meanFillPct(), r.overflowBinHours(), r.overflowPer1000BinDays(), r.binDays(),
                    csvNumber(r.responseMeanHours()), csvNumber(r.responseP90Hours()), r.jobs(), r.truckDays(),
                    r.unplanned(), r.plans(), r.cappedPlans());
        }
        out.flush();
    }

    private Optional<PolicyResult> find(String name) {
        return results.stream().filter(r -> r.policy().equals(name)).findFirst();
    }

    private static String hours(double h) {
        return Double.isNaN(h) ? "-" : String.format(Locale.ROOT, "%.1f", h);
    }

    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String change(double value, double base) {
        if (base == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f %%", (value / base - 1) * 100);
    }
}
