package org.clearway.dispatch.reporting;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.core.contract.devices.DeviceModel;
import org.clearway.core.contract.devices.ReportingFrames;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.decisions.BinState;
import org.clearway.decisions.reporting.ReportingRule;
import org.clearway.decisions.reporting.ReportingTier;
import org.clearway.dispatch.leader.PacedChore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's adaptive-reporting chore ({@code CLEARWAY_DISPATCH_REPORTING=adaptive}), every
 * {@code CLEARWAY_DISPATCH_REPORTING_EVERY} of the city clock: for each bin carrying a device of a model with an
 * interval frame ({@link ReportingFrames}) on a network server, it applies the {@link ReportingRule} to the bin's
 * decision state ({@code ReportingRule.Input.of}: level, threshold, forecast, last emptying, a collection asked) and, when the tier differs from the one last sent to
 * the device, publishes the model's interval frame as the network server's downlink (QoS 1, {@link Downlinks}). It
 * waits for the broker's acknowledgements (at most {@code ackWait}) and records in {@code device_reporting} only the
 * downlinks acknowledged; the others are sent again at the next run. A bin with no level yet is left alone.
 */
public final class ReportingChore implements PacedChore.Work {
    private static final Logger LOG = LoggerFactory.getLogger(ReportingChore.class);
    private static final int QOS = 1;
    /** Downlinks per run at most; the chore runs again at once when more are left. */
    static final int MAX_PER_RUN = 500;
    private static final List<String> MODELS = Arrays.stream(DeviceModel.values()).filter(ReportingFrames::supports)
            .map(DeviceModel::code).toList();

    private final ReportingStore store;
    private final ReportingRule rule;
    private final ReportingSettings settings;
    private final Downlinks downlinks;
    private final Supplier<MqttSession> publisher;
    private final ObjectMapper json;
    private final ReportingMetrics metrics;

    /** @param publisher the leader's publishing session of the current term, or null between terms */
    public ReportingChore(ReportingStore store, ReportingSettings settings, Downlinks downlinks,
                          Supplier<MqttSession> publisher, ObjectMapper json, ReportingMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rule = new ReportingRule(settings.rule());
        this.downlinks = Objects.requireNonNull(downlinks, "downlinks");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.json = Objects.requireNonNull(json, "json");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    private record Change(ReportingStore.Sent sent, Downlinks.Downlink downlink) {
    }

    private record Pending(ReportingStore.Sent sent, String model, CompletableFuture<Void> ack) {
    }

    @Override
    public boolean run(Connection c, Instant now) throws SQLException {
        MqttSession mqtt = publisher.get();
        if (mqtt == null || !mqtt.isConnected()) {
            return false;
        }
        List<Pending> pending = new ArrayList<>();
        for (ReportingStore.Device device : store.devices(c, downlinks.sources(), MODELS)) {
            if (pending.size() == MAX_PER_RUN) {
                break;
            }
            change(device, now).ifPresent(ch -> pending.add(new Pending(ch.sent(), device.model(),
                    mqtt.publish(ch.downlink().topic(), ch.downlink().json(), QOS, false))));
        }
        List<ReportingStore.Sent> acked = acknowledged(pending);
        store.record(c, acked);
        c.commit();
        if (!pending.isEmpty()) {
            LOG.info("Reporting: {} interval downlinks sent, {} acknowledged", pending.size(), acked.size());
        }
        return pending.size() == MAX_PER_RUN && acked.size() == pending.size();
    }

    /** The downlink the device needs, if its tier changed. */
    private Optional<Change> change(ReportingStore.Device device, Instant now) {
        BinState state = state(device);
        if (state == null || state.levelPct() == null) {
            return Optional.empty();
        }
        ReportingTier current = device.lastTier() == null ? null
                : ReportingTier.valueOf(device.lastTier().toUpperCase(Locale.ROOT));
        ReportingTier tier = rule.tier(ReportingRule.Input.of(state, device.thresholdPct()), current, now);
        if (tier == current) {
            return Optional.empty();
        }
        Duration interval = settings.intervals().of(tier);
        DeviceModel model = DeviceModel.fromCode(device.model()).orElseThrow();
        ReportingFrames.Frame frame;
        try {
            frame = ReportingFrames.interval(model, interval).orElseThrow();
        } catch (IllegalArgumentException e) {
            metrics.downlink(device.model(), "refused");
            LOG.warn("Reporting: device {} on bin {}: {}", device.deviceId(), device.binId(), e.getMessage());
            return Optional.empty();
        }
        Downlinks.Downlink downlink = downlinks.of(device.source(), device.deviceId(), frame);
        return Optional.of(new Change(new ReportingStore.Sent(device, tier.name().toLowerCase(Locale.ROOT),
                interval.toSeconds(), state.levelPct(), downlink.topic(), frame.fPort(), Downlinks.hex(frame), now),
                downlink));
    }

    private BinState state(ReportingStore.Device device) {
        if (device.stateJson() == null) {
            return null;
        }
        try {
            return json.readValue(device.stateJson(), BinState.class);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Reporting: the decision state of bin {} cannot be read ({})", device.binId(), e.getMessage());
            return null;
        }
    }

    /** Waits for the broker, at most {@code ackWait} in all; the downlinks it acknowledged. */
    private List<ReportingStore.Sent> acknowledged(List<Pending> pending) {
        long deadline = System.nanoTime() + settings.ackWait().toNanos();
        List<ReportingStore.Sent> acked = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            try {
                p.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(p.sent());
                metrics.downlink(p.model(), "sent");
            } catch (ExecutionException | TimeoutException e) {
                metrics.downlink(p.model(), "unacked");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                metrics.downlink(p.model(), "unacked");
            }
        }
        return acked;
    }
}
