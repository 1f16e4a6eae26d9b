package org.clearway.core.contract.devices;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clearway.core.contract.Alarm;

/**
 * Milesight's ultrasonic level sensors, EM310-UDL and EM400-UDL: a frame is a run of channels, each
 * {@code id(1) type(1) data(n)}, numbers little-endian (Milesight-IoT/SensorDecoders, the models'
 * README payload tables). A channel this model does not have, or a channel cut short, makes the
 * whole frame undecodable: guessing the length of an unknown channel would misread the rest.
 *
 * <p>Alarms: position "tilt" raises {@code tilt}; the EM400's temperature alarm channel (0x83 0x67,
 * status 1) raises {@code fire} (set the device's temperature threshold as "above"); its distance
 * alarm (0x84 0x82) is the device's own level threshold, which the contract has no alarm for: its
 * distance becomes the fill as any other distance.
 */
public final class MilesightUdl implements FrameDecoder {
    private enum Field { BATTERY, DISTANCE, POSITION, TEMPERATURE, TEMPERATURE_ALARM, DISTANCE_ALARM, SKIP }

    private record Channel(int length, Field field) {
    }

    /** Device attributes (0xFF xx) both models send at join and on request: skipped. */
    private static final Map<Integer, Channel> ATTRIBUTES = Map.of(
            key(0xFF, 0x01), new Channel(1, Field.SKIP), key(0xFF, 0x09), new Channel(2, Field.SKIP),
            key(0xFF, 0x0A), new Channel(2, Field.SKIP), key(0xFF, 0xFF), new Channel(2, Field.SKIP),
            key(0xFF, 0x16), new Channel(8, Field.SKIP), key(0xFF, 0x0F), new Channel(1, Field.SKIP),
            key(0xFF, 0xFE), new Channel(1, Field.SKIP), key(0xFF, 0x0B), new Channel(1, Field.SKIP));

    /** EM310-UDL (em-series/em310-udl/README.md): battery 01 75, distance 03 82, position 04 00. */
    public static final MilesightUdl EM310_UDL = new MilesightUdl("EM310-UDL", Map.of(
            key(0x01, 0x75), new Channel(1, Field.BATTERY),
            key(0x03, 0x82), new Channel(2, Field.DISTANCE),
            key(0x04, 0x00), new Channel(1, Field.POSITION)));

    /**
     * EM400-UDL (EM_Series/EM400_Series/EM400-UDL/README.md): battery 01 75, temperature 03 67,
     * distance 04 82, position 05 00, location 06 88 (NB-IoT, skipped), temperature alarm 83 67,
     * distance alarm 84 82.
     */
    public static final MilesightUdl EM400_UDL = new MilesightUdl("EM400-UDL", Map.of(
            key(0x01, 0x75), new Channel(1, Field.BATTERY),
            key(0x03, 0x67), new Channel(2, Field.TEMPERATURE),
            key(0x04, 0x82), new Channel(2, Field.DISTANCE),
            key(0x05, 0x00), new Channel(1, Field.POSITION),
            key(0x06, 0x88), new Channel(9, Field.SKIP),
            key(0x83, 0x67), new Channel(3, Field.TEMPERATURE_ALARM),
            key(0x84, 0x82), new Channel(3, Field.DISTANCE_ALARM)));

    private final String model;
    private final Map<Integer, Channel> channels;

    private MilesightUdl(String model, Map<Integer, Channel> channels) {
        this.model = model;
        this.channels = channels;
    }

    @Override
    public DeviceFrame decode(int fPort, byte[] b) throws UndecodableFrame {
        Frames.require(b.length > 0, model + ": the frame is empty");
        Integer distance = null;
        Double battery = null;
        Double temp = null;
        Boolean tilt = null;
        List<Alarm> alarms = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            Frames.require(i + 2 <= b.length, model + ": channel header cut short at byte " + i);
            int id = Frames.u8(b, i);
            int type = Frames.u8(b, i + 1);
            Channel channel = channels.getOrDefault(key(id, type), ATTRIBUTES.get(key(id, type)));
            Frames.require(channel != null, String.format("%s: unknown channel %02x %02x at byte %d", model, id, type, i));
            int at = i + 2;
            Frames.require(at + channel.length() <= b.length, String.format(
                    "%s: channel %02x %02x needs %d bytes at byte %d, the frame ends at %d", model, id, type,
                    channel.length(), at, b.length));
            switch (channel.field()) {
                case BATTERY -> battery = (double) Frames.u8(b, at);
                case DISTANCE -> distance = Frames.u16le(b, at);
                case TEMPERATURE -> temp = Frames.s16le(b, at) / 10.0;
                case POSITION -> {
                    int position = Frames.u8(b, at);
                    Frames.require(position <= 1, model + ": position must be 0 (normal) or 1 (tilt), got " + position);
                    tilt = position == 1;
                    if (tilt) {
                        alarms.add(Alarm.TILT);
                    }
                }
                case TEMPERATURE_ALARM -> {
                    temp = Frames.s16le(b, at) / 10.0;
                    if (Frames.u8(b, at + 2) != 0) {
                        alarms.add(Alarm.FIRE);
                    }
                }
                case DISTANCE_ALARM -> distance = Frames.u16le(b, at);
                case SKIP -> { }
            }
            i = at + channel.length();
        }
        return new DeviceFrame(distance, battery, null, temp, tilt, alarms);
    }

    /**
     * Milesight's published decoders are correct and name their fields {@code distance},
     * {@code battery}, {@code temperature}, {@code position}, {@code temperature_abnormal}: the
     * network server's object may stand in for the bytes when it carries a numeric distance.
     */
    @Override
    public Optional<DeviceFrame> fromServerObject(JsonNode object) {
        if (object == null || !object.path("distance").canConvertToExactIntegral()) {
            return Optional.empty();
        }
        List<Alarm> alarms = new ArrayList<>();
        Boolean tilt = object.has("position") ? "tilt".equals(object.path("position").asText()) : null;
        if (Boolean.TRUE.equals(tilt)) {
            alarms.add(Alarm.TILT);
        }
        if (object.path("temperature_abnormal").asBoolean(false)) {
            alarms.add(Alarm.FIRE);
        }
        JsonNode battery = object.path("battery");
        JsonNode temperature = object.path("temperature");
        return Optional.of(new DeviceFrame(object.path("distance").intValue(),
                battery.isNumber() ? battery.doubleValue() : null, null,
                temperature.isNumber() ? temperature.doubleValue() : null, tilt, alarms));
    }

    private static int key(int id, int type) {
        return (id << 8) | type;
    }
}
