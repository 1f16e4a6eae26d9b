package org.clearway.simulator.publish;

import java.util.function.LongSupplier;

/**
 * Spaces messages evenly at a target rate: message n is due at start + n / rate. After a stall
 * (the source had nothing to send for a while) it starts afresh instead of bursting to catch up.
 */
final class Pacer {
    /** How far behind the schedule may fall before it is reset. */
    private static final long MAX_LAG_NANOS = 1_000_000_000L;

    interface NanoSleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double periodNanos;
    private final LongSupplier nanoTime;
    private final NanoSleeper sleeper;
    private long base;
    private long count;

    /** @param ratePerSecond messages per second; 0 for no pacing */
    Pacer(double ratePerSecond, LongSupplier nanoTime, NanoSleeper sleeper) {
        this.periodNanos = ratePerSecond <= 0 ? 0 : 1e9 / ratePerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.base = nanoTime.getAsLong();
    }

    static Pacer system(double ratePerSecond) {
        return new Pacer(ratePerSecond, System::nanoTime, nanos -> {
            long end = System.nanoTime() + nanos;
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        });
    }

    /** Waits until the next message is due. */
    void await() throws InterruptedException {
        if (periodNanos == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        long due = base + (long) (count * periodNanos);
        if (now - due > MAX_LAG_NANOS) {
            base = now;
            count = 0;
            due = now;
        }
        if (due > now) {
            sleeper.sleepNanos(due - now);
        }
        count++;
    }
}
