package org.clearway.dispatch.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a fleet file: the city's facilities and trucks as JSON (format in {@code docs/dispatch.md}, example in
 * {@code dispatch/src/main/resources/demo-fleet.json}). Strict: an unknown field, a duplicate key or id, a value out
 * of range or a truck whose depot is not a depot of the file is an error naming the item and the field. Whether
 * the streams exist is the database's check ({@code waste_streams}), made when the fleet is stored.
 */
public final class FleetFile {

    /** The format version this reader understands. */
    public static final int VERSION = 1;
    /** Resource name of the demonstration fleet. */
    public static final String DEMO_RESOURCE = "/demo-fleet.json";

    private static final Pattern FACILITY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern TRUCK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> TOP = Set.of("version", "facilities", "trucks");
    private static final Set<String> FACILITY_FIELDS = Set.of("id", "kind", "name", "lat", "lon", "acceptedStreams",
            "opens", "closes");
    private static final Set<String> TRUCK_FIELDS = Set.of("id", "depot", "streams", "capacityVolumeL",
            "capacityWeightKg", "shiftStart", "shiftEnd", "status");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private FleetFile() {
    }

    public static Fleet read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** The demonstration fleet: 2 depots, a transfer station, a treatment plant and 6 trucks. */
    public static Fleet demo() {
        try (InputStream in = FleetFile.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_RESOURCE + " is missing from the classpath");
            }
            return read(in, DEMO_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEMO_RESOURCE, e);
        }
    }

    /** @param source the file's name, for messages */
    public static Fleet read(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new FleetFileException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new FleetFileException(source + ": the fleet file must be a JSON object");
        }
        Item top = new Item(source, root);
        top.onlyFields(TOP);
        int version = top.integer("version");
        if (version != VERSION) {
            throw new FleetFileException(source + ": version " + version + " is not supported; this reader reads version " + VERSION);
        }
        List<FleetFacility> facilities = new ArrayList<>();
        Set<String> depots = new HashSet<>();
        for (Item item : top.array("facilities")) {
            FleetFacility facility = facility(item);
            facilities.add(facility);
            if (facility.kind() == FacilityKind.DEPOT) {
                depots.add(facility.id());
            }
        }
        unique(source, "facility", facilities.stream().map(FleetFacility::id).toList());
        List<Truck> trucks = new ArrayList<>();
        for (Item item : top.array("trucks")) {
            Truck truck = truck(item);
            if (!depots.contains(truck.depotId())) {
                throw item.error("depot", "'" + truck.depotId() + "' is not a depot of this file");
            }
            trucks.add(truck);
        }
        unique(source, "truck", trucks.stream().map(Truck::id).toList());
        return new Fleet(facilities, trucks);
    }

    private static FleetFacility facility(Item item) {
        item.onlyFields(FACILITY_FIELDS);
        String id = item.id(FACILITY_ID);
        FacilityKind kind = item.choice("kind", FacilityKind.class);
        List<String> streams = item.has("acceptedStreams") ? item.strings("acceptedStreams") : List.of();
        if (kind == FacilityKind.DEPOT && !streams.isEmpty()) {
            throw item.error("acceptedStreams", "a depot accepts no waste; leave it out");
        }
        if (kind != FacilityKind.DEPOT && streams.isEmpty()) {
            throw item.error("acceptedStreams", "a " + kind.name().toLowerCase(Locale.ROOT) + " must accept at least one stream");
        }
        LocalTime opens = item.has("opens") ? item.time("opens", false) : LocalTime.MIDNIGHT;
        LocalTime closes = item.has("closes") ? item.time("closes", true) : LocalTime.MAX;
        if (!opens.isBefore(closes)) {
            throw item.error("closes", "must be after opens (" + opens + ")");
        }
        return new FleetFacility(id, kind, item.text("name"), item.number("lat", -90, 90), item.number("lon", -180, 180),
                streams, opens, closes);
    }

    private static Truck truck(Item item) {
        item.onlyFields(TRUCK_FIELDS);
        String id = item.id(TRUCK_ID);
        List<String> streams = item.strings("streams");
        if (streams.isEmpty()) {
            throw item.error("streams", "a truck collects at least one stream");
        }
        LocalTime start = item.time("shiftStart", false);
        LocalTime end = item.time("shiftEnd", true);
        if (!start.isBefore(end)) {
            throw item.error("shiftEnd", "must be after shiftStart (" + start + ")");
        }
        TruckStatus status = item.has("status") ? item.choice("status", TruckStatus.class) : TruckStatus.ACTIVE;
        return new Truck(id, item.text("depot"), streams, item.number("capacityVolumeL", Double.MIN_VALUE, 1e9),
                item.number("capacityWeightKg", Double.MIN_VALUE, 1e9), start, end, status);
    }

    private static void unique(String source, String what, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new FleetFileException(source + ": " + what + " id '" + id + "' appears twice");
            }
        }
    }

    /** One JSON object of the file, with where it is for messages. */
    private record Item(String where, JsonNode node) {

        void onlyFields(Set<String> allowed) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new FleetFileException(where + ": unknown field '" + name + "'; the fields are " + allowed);
                }
            }
        }

        boolean has(String field) {
            return node.has(field) && !node.get(field).isNull();
        }

        JsonNode required(String field) {
            if (!has(field)) {
                throw error(field, "is missing");
            }
            return node.get(field);
        }

        List<Item> array(String field) {
            JsonNode array = required(field);
            if (!array.isArray()) {
                throw error(field, "must be an array");
            }
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                if (!array.get(i).isObject()) {
                    throw new FleetFileException(where + ": " + field + "[" + i + "] must be an object");
                }
                items.add(new Item(where + ": " + field + "[" + i + "]", array.get(i)));
            }
            return items;
        }

        String text(String field) {
            JsonNode value = required(field);
            if (!value.isTextual() || value.asText().isBlank()) {
                throw error(field, "must be a non-empty string");
            }
            return value.asText();
        }

        String id(Pattern pattern) {
            String id = text("id");
            if (!pattern.matcher(id).matches()) {
                throw error("id", "'" + id + "' must be 1 to 64 characters of " + pattern.pattern());
            }
            return id;
        }

        int integer(String field) {
            JsonNode value = required(field);
            if (!value.isIntegralNumber()) {
                throw error(field, "must be a whole number");
            }
            return value.asInt();
        }

        double number(String field, double min, double max) {
            JsonNode value = required(field);
            if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
                throw error(field, "must be a number from " + (min == Double.MIN_VALUE ? "above 0" : min) + " to " + max);
            }
            return value.asDouble();
        }

        List<String> strings(String field) {
            JsonNode value = required(field);
            if (!value.isArray()) {
                throw error(field, "must be an array of stream codes");
            }
            List<String> strings = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isTextual() || element.asText().isBlank()) {
                    throw error(field, "must hold non-empty strings only");
                }
                strings.add(element.asText());
            }
            return strings;
        }

        <E extends Enum<E>> E choice(String field, Class<E> type) {
            String text = text(field);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return constant;
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw error(field, "'" + text + "' is not one of " + names);
        }

        /** "HH:MM" or "HH:MM:SS"; "24:00" (as {@link LocalTime#MAX}) where the end of the day is allowed. */
        LocalTime time(String field, boolean endOfDayAllowed) {
            String text = text(field);
            if (text.equals("24:00") || text.equals("24:00:00")) {
                if (endOfDayAllowed) {
                    return LocalTime.MAX;
                }
                throw error(field, "24:00 is only allowed as an end time");
            }
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                throw error(field, "'" + text + "' is not a time of day such as 06:30");
            }
        }

        FleetFileException error(String field, String problem) {
            return new FleetFileException(where + ": " + field + " " + problem);
        }
    }

    /** A fleet file that cannot be used; the message names the item and field. */
    public static final class FleetFileException extends IllegalArgumentException {
        public FleetFileException(String message) {
            super(message);
        }
    }
}
