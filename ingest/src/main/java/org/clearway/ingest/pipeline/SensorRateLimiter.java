package org.clearway.ingest.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;
import org.clearway.ingest.message.Flood;

/**
 * Flags a sensor that publishes far above the normal rate, and parks its messages beyond a hard ceiling; it never
 * throws a valid reading away.
 *
 * <p>Messages are counted per bin in fixed windows, after validation (a bad message keeps its real reason whatever
 * the rate). The normal rate is what an ordinary bin sends in a window: the mean per active bin, over the bins not
 * flooding, smoothed across windows (and, within the current window, the mean of the other bins so far, when that is
 * higher). A bin floods when it has sent more than its <em>flood limit</em> in the current window: the larger of
 * {@code floor} messages and {@code factor} times the normal rate. Its messages are still processed as usual (valid
 * readings stored, bad ones rejected with their reason), it is reported through {@link #drainFloods()} (the service
 * raises a {@code flooding} alarm) and each such message is counted ({@link IngestMetrics#overFloodLimit()}).
 * Only beyond the <em>ceiling</em> (the larger of {@code ceiling} and the flood limit) a message that holds valid
 * readings is parked: kept whole (its raw payload) in {@code rejected_messages} with reason {@code rate_limited}
 * instead of stored, so that it can be replayed ({@code org.clearway.ingest.store.ParkedReplay}).
 *
 * <p>With no normal rate known yet (the first window, with no other bin active) nothing floods: one bin replaying a
 * backlog alone is not told apart from a flood. Called on the MQTT thread and the HTTP sources' event loops (hence
 * synchronized: uncontended on MQTT alone); {@link #drainFloods()} may be called from any thread.
 *
 * <p>A network server's uplink is counted by its device ({@link #deviceKey}) before its bin is known (in the store):
 * a flooding device is flagged and its bin (the one it is on now) gets the {@code flooding} alarm, but nothing of it
 * is parked here, since its readings are decoded only in the store.
 */
public final class SensorRateLimiter {
    /** How flooding is judged: window length, absolute floor per window, factor over the normal rate, hard ceiling. */
    public record Limits(Duration window, int floorPerWindow, double factor, int ceilingPerWindow) {
        public Limits {
            Objects.requireNonNull(window, "window");
            if (window.isZero() || window.isNegative() || floorPerWindow < 1 || factor < 1
                    || ceilingPerWindow < floorPerWindow) {
                throw new IllegalArgumentException("window > 0, floor >= 1, factor >= 1, ceiling >= floor required");
            }
        }

        /** Limits that never trigger, for tools that replay on purpose. */
        public static Limits off() {
            return new Limits(Duration.ofSeconds(10), Integer.MAX_VALUE, Double.MAX_VALUE, Integer.MAX_VALUE);
        }
    }

    private static final double SMOOTHING = 0.3;
    /** Keys of devices among the bins' ids (which never hold a colon). */
    public static final String DEVICE_KEY_PREFIX = "device:";

    private final Limits limits;
    private final IngestMetrics metrics;
    private final Map<String, long[]> counts = new HashMap<>(); // bin -> {sent, over the flood limit}
    private final Map<String, Flood> floods = new ConcurrentHashMap<>();
    private long windowStartNanos = Long.MIN_VALUE;
    private long sentInWindow;
    private double normalRate = Double.NaN;

    public SensorRateLimiter(Limits limits, IngestMetrics metrics) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * The message as it goes on to the store: as decoded, or, beyond the ceiling, with its valid readings replaced
     * by one {@code rate_limited} rejection that keeps the whole payload (its bad readings keep their own reasons).
     */
    public synchronized DecodedMessage admit(DecodedMessage decoded, byte[] payload, Instant receivedAt, long nanoTime) {
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
        metrics.overFloodLimit();
        long ceiling = Math.max(limit, limits.ceilingPerWindow());
        boolean park = count[0] > ceiling && !decoded.readings().isEmpty();
        floods.merge(bin, new Flood(bin, receivedAt, receivedAt, 1, park ? 1 : 0, limit, count[0]), Flood::plus);
        if (!park) {
            return decoded;
        }
        List<Rejection> rejections = new ArrayList<>(decoded.rejections());
        rejections.add(Rejection.ofMessage(RejectReason.RATE_LIMITED, String.format(
                "bin %s sent %d messages within %d s, over the ceiling of %d per window (flood limit %d): this "
                        + "message's %d valid reading(s) are parked here whole, not stored; replay them with "
                        + "ParkedReplay (README, \"A misbehaving sensor\")",
                bin, count[0], limits.window().toSeconds(), ceiling, limit, decoded.readings().size()), payload));
        return new DecodedMessage(bin, List.of(), rejections);
    }

    /** The key a network server's device is counted by. */
    public static String deviceKey(String deviceId) {
        return DEVICE_KEY_PREFIX + deviceId;
    }

    /**
     * Counts one uplink of a device against its flood limit (flagged beyond it, never parked: see the class comment).
     */
    public void countUplink(String deviceId, Instant receivedAt, long nanoTime) {
        admit(new DecodedMessage(deviceKey(deviceId), List.of(), List.of()), null, receivedAt, nanoTime);
    }

    /** The bins flooding since the last call, and forgets them. */
    public List<Flood> drainFloods() {
        List<Flood> drained = new ArrayList<>();
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
        long normal = 0;
        int bins = 0;
        for (long[] c : counts.values()) {
            if (c[1] == 0) {
                normal += c[0];
                bins++;
            }
        }
        if (bins > 0) {
            double mean = (double) normal / bins;
            normalRate = Double.isNaN(normalRate) ? mean : SMOOTHING * mean + (1 - SMOOTHING) * normalRate;
        }
        counts.clear();
        sentInWindow = 0;
        windowStartNanos = nanoTime;
    }
}
