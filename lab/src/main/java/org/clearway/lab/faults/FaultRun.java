package org.clearway.lab.faults;

import java.sql.SQLException;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/** What every fault does alike: a tag, progress lines, waiting, sampling, and the books at the end. */
final class FaultRun {
    private final String name;
    private final long startNanos = System.nanoTime();
    final String tag = UUID.randomUUID().toString().substring(0, 8);

    FaultRun(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    String prefix() {
        return "faults-" + tag + "/";
    }

    String schema() {
        return "faults_" + tag;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "  [%s %6.1f s] %s%n", name, elapsedSeconds(), String.format(Locale.ROOT, format, args));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the database holds {@code expected} distinct readings, or their number has not
     * moved for {@code quiet} (then what is missing is lost or stranded); prints progress.
     */
    long awaitStored(FaultDatabase db, long expected, Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -2;
        long lastChange = System.nanoTime();
        long lastPrint = 0;
        while (true) {
            long n = db.countsOrUnknown().distinct();
            long now = System.nanoTime();
            if (n != last) {
                last = n;
                lastChange = now;
            }
            if (now - lastPrint > 2_000_000_000L) {
                progress("%,d of %,d readings stored", n, expected);
                lastPrint = now;
            }
            if (n >= expected || now - lastChange > quiet.toNanos() || now > deadline) {
                progress("%,d of %,d readings stored%s", n, expected, n >= expected ? "" : " (no more arriving)");
                return n;
            }
            Thread.sleep(50);
        }
    }

    /** The books: stored and stored twice from the database, lost = readings the broker acknowledged and that are not stored. */
    Figures figures(FaultPublisher publisher, FaultDatabase db, List<IngestNode> nodes, String measurement,
                    boolean promised, java.util.Map<String, Double> values) throws SQLException {
        FaultDatabase.Counts counts = db.counts();
        BitSet lost = publisher.ackedSeqs();
        lost.andNot(db.storedSeqs());
        long duplicates = Math.round(nodes.stream().mapToDouble(IngestNode::duplicates).sum());
        return new Figures(name, publisher.sent(), publisher.acknowledged(), counts.rows(), duplicates, counts.rejected(),
                lost.cardinality(), counts.rows() - counts.distinct(), Duration.ofMillis((long) (elapsedSeconds() * 1000)),
                measurement, promised, values);
    }

    static double heapUsedMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }

    /** Samples a value every 20 ms on a thread of its own and keeps its maximum and minimum. */
    static final class Sampler implements AutoCloseable {
        private final Thread thread;
        private volatile double max = Double.NEGATIVE_INFINITY;
        private volatile double min = Double.POSITIVE_INFINITY;
        private volatile boolean running = true;

        Sampler(String name, DoubleSupplier value) {
            thread = Thread.ofPlatform().daemon().name("fault-sampler-" + name).start(() -> {
                while (running) {
                    double v = value.getAsDouble();
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        double max() {
            return max;
        }

        double min() {
            return min;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
