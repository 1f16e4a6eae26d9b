package org.clearway.lab.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The soak's lines: one per report interval, and the summary with the books, the slopes of heap,
 * RSS and lag, and the verdict. The first interval is warm-up (JIT, pools, caches) and is left out
 * of the slopes. A measure is flat when the rise of its fitted line over the run (slope times the
 * span of the samples) stays within a share of its mean or under an absolute amount.
 */
final class SoakReport {
    /** The heap is flat when its fitted rise over the run is under this share of its mean ... */
    static final double FLAT_MEMORY_SHARE = 0.10;
    /** ... or under this many bytes. */
    static final double FLAT_MEMORY_BYTES = 16 * 1024 * 1024;
    /**
     * The p99 lag is flat when its fitted rise over the run is under this share of its mean (about one
     * step of Micrometer's histogram buckets at these values, so a one-bucket move is not growth) ...
     */
    static final double FLAT_LAG_SHARE = 0.35;
    /** ... or under this many seconds. */
    static final double FLAT_LAG_SECONDS = 1.0;

    /** The end of the soak: what ingest must have made of what was published, and what it did. */
    record Books(long published, long errors, long expectedStored, long expectedRejected, long stored, long duplicates,
                 long rejected, boolean drained) {
        boolean balanced() {
            return errors == 0 && drained && stored + duplicates == expectedStored && rejected == expectedRejected;
        }
    }

    private final List<Sample> samples = new ArrayList<>();

    String line(Sample s) {
        Sample prev = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        samples.add(s);
        double span = s.elapsedSeconds() - (prev == null ? 0 : prev.elapsedSeconds());
        double rate = span <= 0 ? 0 : (s.published() - (prev == null ? 0 : prev.published())) / span;
        return String.format(Locale.ROOT,
                "[%8s] published %,d (%,.0f/s) received %,d stored %,d rejected %,d dispatch handled %,d | lag ts->commit p50/p95/p99 %s/%s/%s s,"
                        + " receipt->commit %s/%s/%s s | heap %s%s, RSS %s | jobs +%,d created, +%,d closed",
                SoakFormat.duration(Duration.ofSeconds((long) s.elapsedSeconds())), s.published(), rate, s.received(),
                s.stored(), s.rejected(), s.dispatched(), SoakFormat.seconds(s.lagE2e()[0]), SoakFormat.seconds(s.lagE2e()[1]),
                SoakFormat.seconds(s.lagE2e()[2]), SoakFormat.seconds(s.lagPipe()[0]), SoakFormat.seconds(s.lagPipe()[1]),
                SoakFormat.seconds(s.lagPipe()[2]), SoakFormat.mb(s.heap()),
                s.gcMillis() < 0 ? " after GC" : " live (full GC " + s.gcMillis() + " ms)", SoakFormat.mb(s.rss()),
                s.jobsCreated(), s.jobsClosed());
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The summary lines; the last is the verdict. */
    List<String> summary(Books books, double targetRate, Double capacity) {
        List<String> out = new ArrayList<>();
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        List<Sample> steady = samples.size() > 2 ? samples.subList(1, samples.size()) : samples;
        out.add(String.format(Locale.ROOT, "Soak summary: %s at %,.0f readings/s%s", SoakFormat.duration(
                Duration.ofSeconds((long) last.elapsedSeconds())), targetRate,
                capacity == null ? " (given)" : String.format(Locale.ROOT, " (half the %,.0f/s measured)", capacity)));
        out.add(String.format(Locale.ROOT, "  books: published %,d (errors %,d); stored %,d + duplicates %,d of %,d"
                        + " valid readings; rejected %,d of %,d bad; %s", books.published(), books.errors(), books.stored(),
                books.duplicates(), books.expectedStored(), books.rejected(), books.expectedRejected(),
                books.balanced() ? "balanced" : books.drained() ? "NOT BALANCED" : "NOT DRAINED (ingest fell behind)"));
        Verdict heap = memory(first.gcMillis() < 0 ? "heap after GC" : "live heap", steady, Sample::heap, first.heap(),
                last.heap(), out);
        Verdict rss = memory("RSS", steady, Sample::rss, first.rss(), last.rss(), out);
        Verdict lag = lag(steady, out);
        out.add(String.format(Locale.ROOT, "  jobs: %,d created, %,d closed", last.jobsCreated(), last.jobsClosed()));
        long behind = last.received() - last.dispatched();
        boolean keepsUp = behind <= Math.max(last.received() / 100, 1_000);
        out.add(String.format(Locale.ROOT, "  dispatch: handled %,d of the %,d messages ingest received (%,.0f/s)%s",
                last.dispatched(), last.received(), last.dispatched() / Math.max(1, last.elapsedSeconds()),
                keepsUp ? "" : String.format(Locale.ROOT, ", %,d behind: dispatch does not keep up with this rate",
                        behind)));
        boolean flat = heap.flat && lag.flat;
        out.add("Verdict: " + (books.balanced() && flat && keepsUp ? "PASS" : "FAIL") + " (books "
                + (books.balanced() ? "balanced" : "not balanced") + ", heap " + heap.word() + ", RSS " + rss.word()
                + ", lag " + lag.word() + ", dispatch " + (keepsUp ? "keeps up" : "falls behind") + ")");
        return out;
    }

    private record Verdict(boolean flat) {
        String word() {
            return flat ? "flat" : "growing";
        }
    }

    private Verdict memory(String what, List<Sample> steady, java.util.function.ToLongFunction<Sample> f, long start,
                           long end, List<String> out) {
        List<Double> x = steady.stream().map(Sample::elapsedSeconds).toList();
        List<Double> y = steady.stream().map(s -> (double) f.applyAsLong(s)).toList();
        double slope = Trend.slopePerHour(x, y);
        double mean = Trend.mean(y);
        boolean flat = Double.isNaN(slope) || slope * spanHours(steady) < Math.max(FLAT_MEMORY_SHARE * mean, FLAT_MEMORY_BYTES);
        out.add(String.format(Locale.ROOT, "  %s: start %s, end %s, slope %s/h -> %s", what, SoakFormat.mb(start),
                SoakFormat.mb(end), Double.isNaN(slope) ? "n/a" : (slope >= 0 ? "+" : "-") + SoakFormat.mb(Math.abs(slope)),
                flat ? "flat" : "growing"));
        return new Verdict(flat);
    }

    private static double spanHours(List<Sample> steady) {
        return (steady.get(steady.size() - 1).elapsedSeconds() - steady.get(0).elapsedSeconds()) / 3600.0;
    }

    private Verdict lag(List<Sample> steady, List<String> out) {
        List<Double> x = steady.stream().map(Sample::elapsedSeconds).toList();
        List<Double> y = steady.stream().map(Sample::p99).toList();
        double slope = Trend.slopePerHour(x, y);
        double mean = Trend.mean(y);
        boolean flat = Double.isNaN(slope) || slope * spanHours(steady) < Math.max(FLAT_LAG_SHARE * mean, FLAT_LAG_SECONDS);
        out.add(String.format(Locale.ROOT, "  lag p99 (ts->commit): mean %s s, slope %s s/h -> %s",
                SoakFormat.seconds(mean), Double.isNaN(slope) ? "n/a" : String.format(Locale.ROOT, "%+.3f", slope),
                flat ? "flat" : "growing"));
        return new Verdict(flat);
    }
}
