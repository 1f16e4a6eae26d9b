package org.clearway.lab.faults;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fault run's books. {@code published} counts deliveries attempted (a reading sent three times
 * counts three times), {@code acknowledged} those the broker acknowledged to the publisher; they
 * balance as published = stored + rejected + duplicates + lost. {@code promised} says whether the
 * fault promises zero lost and zero stored twice; {@code values} holds the fault-specific
 * measurements by name, for tests.
 */
public record Figures(String fault, long published, long acknowledged, long stored, long duplicates, long rejected,
                      long lost, long storedTwice, Duration duration, String measurement, boolean promised,
                      Map<String, Double> values) {

    /** Nothing lost and nothing stored twice, where the fault promises it. */
    public boolean keptPromise() {
        return !promised || (lost == 0 && storedTwice == 0);
    }

    /** published = stored + rejected + duplicates + lost. */
    public boolean balances() {
        return published == stored + rejected + duplicates + lost;
    }

    double value(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(fault + " measured no " + name + ", only " + values.keySet());
        }
        return v;
    }

    static String table(List<Figures> rows) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%-26s %9s %9s %9s %6s %6s %6s %6s %8s  %s%n",
                "fault", "published", "acked", "stored", "dups", "rej", "lost", "twice", "seconds", "measurement"));
        for (Figures f : rows) {
            t.append(String.format(Locale.ROOT, "%-26s %,9d %,9d %,9d %,6d %,6d %,6d %,6d %8.1f  %s%s%n", f.fault(),
                    f.published(), f.acknowledged(), f.stored(), f.duplicates(), f.rejected(), f.lost(), f.storedTwice(),
                    f.duration().toMillis() / 1000.0, f.measurement(),
                    f.keptPromise() ? "" : "  << PROMISE BROKEN"));
        }
        return t.toString();
    }
}
