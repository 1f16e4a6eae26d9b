package org.clearway.simulator.devices;

import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.core.contract.devices.DeviceModel;
import org.clearway.core.contract.devices.ReportingFrames;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated network servers' downlink side: subscribes where ChirpStack v4
 * ({@code {prefix}application/+/device/+/command/down}) and The Things Stack v3
 * ({@code {prefix}v3/+/devices/+/down/push}) take downlinks, reads the device's interval frame by its model
 * ({@link ReportingFrames#read}) and hands the interval to the device's sensor, which takes it at its next uplink
 * (Class A). Anything else (another device, another frame, bad JSON) is counted as ignored; nothing is thrown on the
 * client's thread.
 */
public final class DownlinkReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(DownlinkReceiver.class);

    /** A simulated device and what sets its sensor's interval. */
    public record Target(SimDevice device, Consumer<Duration> setInterval) {
    }

    private final String prefix;
    private final Function<String, Optional<Target>> devices;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong obeyed = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    /** @param devices the device of a DevEUI (16 lower-case hex digits) */
    public DownlinkReceiver(String prefix, Function<String, Optional<Target>> devices) {
        this.prefix = prefix == null ? "" : prefix;
        this.devices = devices;
    }

    public String chirpstackFilter() {
        return prefix + "application/+/device/+/command/down";
    }

    public String ttsFilter() {
        return prefix + "v3/+/devices/+/down/push";
    }

    /** Subscribes both filters (QoS 1) on the session. */
    public void subscribe(MqttSession session) {
        session.subscribe(chirpstackFilter(), 1, this::onMessage);
        session.subscribe(ttsFilter(), 1, this::onMessage);
    }

    /** Downlinks obeyed so far. */
    public long obeyed() {
        return obeyed.get();
    }

    /** Downlinks that were not an interval frame of a known device. */
    public long ignored() {
        return ignored.get();
    }

    void onMessage(InboundMessage message) {
        try {
            if (!apply(message.topic(), message.payload())) {
                ignored.incrementAndGet();
            }
        } catch (RuntimeException | java.io.IOException e) {
            ignored.incrementAndGet();
            LOG.debug("Downlink on {} ignored: {}", message.topic(), e.getMessage());
        }
    }

    /** Applies a downlink; false when it is not an interval frame of a known device. */
    boolean apply(String topic, byte[] payload) throws java.io.IOException {
        if (!topic.startsWith(prefix)) {
            return false;
        }
        String[] parts = topic.substring(prefix.length()).split("/", -1);
        JsonNode body = json.readTree(payload);
        String devEui;
        int fPort;
        String data;
        if (parts.length == 6 && parts[0].equals("application") && parts[4].equals("command") && parts[5].equals("down")) {
            devEui = parts[3].toLowerCase(Locale.ROOT);
            fPort = body.path("fPort").asInt(-1);
            data = body.path("data").asText("");
        } else if (parts.length == 6 && parts[0].equals("v3") && parts[2].equals("devices") && parts[4].equals("down")
                && parts[5].equals("push") && parts[3].startsWith("eui-")) {
            devEui = parts[3].substring(4).toLowerCase(Locale.ROOT);
            JsonNode first = body.path("downlinks").path(0);
            fPort = first.path("f_port").asInt(-1);
            data = first.path("frm_payload").asText("");
        } else {
            return false;
        }
        Optional<Target> target = devices.apply(devEui);
        if (target.isEmpty()) {
            return false;
        }
        Optional<DeviceModel> model = DeviceModel.fromCode(target.get().device().kind().model());
        Optional<Duration> interval = model.flatMap(m -> ReportingFrames.read(m, fPort, Base64.getDecoder().decode(data)));
        if (interval.isEmpty() || interval.get().isZero()) {
            return false;
        }
        target.get().setInterval().accept(interval.get());
        obeyed.incrementAndGet();
        return true;
    }
}
