package org.clearway.ingest.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;

/**
 * Throttles a sensor that publishes far above the normal rate, so that it cannot crowd out the others.
 *
 * <p>Messages are counted per bin in fixed windows. The normal rate is what an ordinary bin sends in a window: the
 * mean per active bin, over the bins not throttled, smoothed across windows (and, within the current window, the mean
 * of the other bins so far, when that is higher). A bin is over its limit when it has sent more than the larger of
 * {@code floor} messages and {@code factor} times the normal rate in the current window. Its messages beyond the
 * limit are not stored: the first {@code kept} of them per window are rejected with {@code rate_limited} (kept in
 * {@code rejected_messages} for inspection), the rest are counted as {@code rate_limited} and acknowledged without a
 * row, so that a flood costs the database nothing. Every throttled bin is reported through {@link #drainFloods()}
 * (the service raises a {@code flooding} alarm for it).
 *
 * <p>With no normal rate known yet (the first window, with no other bin active) nothing is throttled: one bin
 * replaying a backlog alone is not told apart from a flood. Called on the MQTT thread only; {@link #drainFloods()}
 * may be called from any thread.
 */
public final class SensorRateLimiter {
    /** How throttling is set: window length, absolute floor per window, factor over the normal rate, rows kept. */
    public record Limits(Duration window, int floorPerWindow, double factor, int keptPerWindow) {
        public Limits {
            Objects.requireNonNull(window, "window");
            if (window.isZero() || window.isNegative() || floorPerWindow < 1 || factor < 1 || keptPerWindow < 0) {
                throw new IllegalArgumentException("window > 0, floor >= 1, factor >= 1, kept >= 0 required");
            }
        }

        /** Throttling that never triggers, for tools that replay on purpose. */
        public static Limits off() {
            return new Limits(Duration.ofSeconds(10), Integer.MAX_VALUE, Double.MAX_VALUE, 0);
        }
    }

    /** A bin throttled since the last drain: when, how many messages were withheld, and the limit it hit. */
    public record Flood(String binId, Instant firstAt, Instant lastAt, long throttled, long limit, long sentInWindow) {
        Flood plus(Flood later) {
            return new Flood(binId, firstAt, later.lastAt, throttled + later.throttled, later.limit,
                    Math.max(sentInWindow, later.sentInWindow));
        }
    }

    private static final double SMOOTHING = 0.3;

    private final Limits limits;
    private final IngestMetrics metrics;
    private final Map<String, long[]> counts = new HashMap<>(); // bin -> {sent, throttled}
    private final Map<String, Flood> floods = new ConcurrentHashMap<>();
    private long windowStartNanos = Long.MIN_VALUE;
    private long sentInWindow;
    private double normalRate = Double.NaN;

    public SensorRateLimiter(Limits limits, IngestMetrics metrics) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The message as it goes on to the store: as decoded, or withheld because its bin is over its limit. */
    public DecodedMessage admit(DecodedMessage decoded, byte[] payload, Instant receivedAt, long nanoTime) {
        String bin = decoded.binId();
        if (bin == null) {
            return decoded;
        }
        roll(nanoTime);
        long[] count = counts.computeIfAbsent(bin, b -> new long[2]);
        count[0]++;
        sentInWindow++;
        long limit = limit(count[0]);
        if (count[0] <= limit) {
            return decoded;
        }
        count[1]++;
        floods.merge(bin, new Flood(bin, receivedAt, receivedAt, 1, limit, count[0]), Flood::plus);
        if (count[1] <= limits.keptPerWindow()) {
            return DecodedMessage.rejected(bin, Rejection.ofMessage(RejectReason.RATE_LIMITED, String.format(
                    "bin %s sent %d messages within %d s, over its limit of %d; its further messages in this window "
                            + "are not stored. Check the sensor's reporting interval and firmware.",
                    bin, count[0], limits.window().toSeconds(), limit), payload));
        }
        metrics.rejected(RejectReason.RATE_LIMITED);
        return new DecodedMessage(bin, List.of(), List.of());
    }

    /** The bins throttled since the last call, and forgets them. */
    public List<Flood> drainFloods() {
        List<Flood> drained = new java.util.ArrayList<>();
        for (String bin : List.copyOf(floods.keySet())) {
            Flood f = floods.remove(bin);
            if (f != null) {
                drained.add(f);
            }
        }
        return drained;
    }

    private long limit(long sentByThisBin) {
        int others = counts.size() - 1;
        double othersNow = others == 0 ? 0 : (double) (sentInWindow - sentByThisBin) / others;
        double normal = Double.isNaN(normalRate) ? othersNow : Math.max(normalRate, othersNow);
        if (Double.isNaN(normalRate) && others == 0) {
            return Long.MAX_VALUE;
        }
        double byFactor = limits.factor() * normal;
        return (long) Math.max(limits.floorPerWindow(), Math.min(byFactor, (double) Long.MAX_VALUE));
    }

    private void roll(long nanoTime) {
        if (windowStartNanos != Long.MIN_VALUE && nanoTime - windowStartNanos < limits.window().toNanos()) {
            return;
        }
        long admitted = 0;
        int bins = 0;
        for (long[] c : counts.values()) {
            if (c[1] == 0) {
                admitted += c[0];
                bins++;
            }
        }
        if (bins > 0) {
            double mean = (double) admitted / bins;
            normalRate = Double.isNaN(normalRate) ? mean : SMOOTHING * mean + (1 - SMOOTHING) * normalRate;
        }
        counts.clear();
        sentInWindow = 0;
        windowStartNanos = nanoTime;
    }
}
