package org.clearway.simulator.publish;

import java.time.Duration;
import java.util.Locale;

/**
 * A snapshot of a {@link Publisher}'s work.
 *
 * @param sent        messages handed to the MQTT client
 * @param acked       of those, acknowledged by the broker (QoS 1) or written (QoS 0)
 * @param errors      of those, failed or never acknowledged
 * @param recentRate  messages sent per second since the previous snapshot
 * @param averageRate messages sent per second since the start
 * @param finished    true for the last snapshot
 */
public record Progress(long sent, long acked, long errors, long inFlight, Duration elapsed, double recentRate,
                       double averageRate, boolean finished) {

    /** One line for a terminal, such as {@code sent 12,000 acked 11,950 in flight 50 errors 0 rate 1,000/s ...}. */
    public String line() {
        String counts = String.format(Locale.ROOT, "sent %,d acked %,d in flight %,d errors %,d", sent, acked,
                inFlight, errors);
        String rates = String.format(Locale.ROOT, "rate %,.0f/s (average %,.0f/s)", recentRate, averageRate);
        return (finished ? "done: " : "") + counts + " " + rates + " elapsed " + format(elapsed);
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3_600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3_600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
