package org.clearway.api.ngsi;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code attrs} parameter of an NGSI-LD query or retrieval: a comma-separated list of attribute names. Only those
 * attributes are returned (with {@code id} and {@code type}, and {@code @context} in application/ld+json), and a query
 * returns only the entities that have at least one of them (ETSI GS CIM 009, Query Entities). An unknown name is 400,
 * as in q. Without the parameter every attribute is returned ({@link #ALL}).
 *
 * @param names the attributes asked for, or null for all of them
 */
public record Attrs(Set<String> names) {
    static final Attrs ALL = new Attrs(null);
    static final int MAX_NAMES = 32;

    /**
     * Every attribute an entity may have, and the SQL over {@link WasteContainerQueries#ENTITIES} that says it has it
     * ({@code true} for those every entity has).
     */
    static final Map<String, String> PRESENT = Map.ofEntries(
            Map.entry("fillingLevel", "filling_level IS NOT NULL"),
            Map.entry("status", "true"),
            Map.entry("temperature", "temp_c IS NOT NULL"),
            Map.entry("dateLastEmptying", "last_emptying_at IS NOT NULL"),
            Map.entry("nextActuationDeadline", "next_deadline_at IS NOT NULL"),
            Map.entry("location", "true"),
            Map.entry("storedWasteKind", "true"),
            Map.entry("refDevice", "device_id IS NOT NULL"),
            Map.entry("binCapacity", "true"),
            Map.entry("binFullnessThreshold", "true"),
            Map.entry("binId", "true"),
            Map.entry("areaServed", "true"),
            Map.entry("dateServiceStarted", "created_at IS NOT NULL"));

    static Attrs parse(String attrs) {
        if (attrs == null) {
            return ALL;
        }
        List<String> names = Arrays.stream(attrs.split(",", -1)).map(String::trim).toList();
        if (names.size() > MAX_NAMES) {
            throw QFilter.bad("attrs: " + MAX_NAMES + " names at most");
        }
        for (String name : names) {
            if (!PRESENT.containsKey(name)) {
                throw QFilter.bad("attrs: '" + name + "' is not an attribute of WasteContainer; known: "
                        + String.join(", ", new TreeSet<>(PRESENT.keySet())));
            }
        }
        return new Attrs(new LinkedHashSet<>(names));
    }

    /** The condition that an entity has at least one of the attributes; none when all are asked for. */
    void conditions(List<String> conditions) {
        if (names == null || names.stream().map(PRESENT::get).anyMatch("true"::equals)) {
            return;
        }
        conditions.add("(" + String.join(" OR ", names.stream().map(PRESENT::get).toList()) + ")");
    }

    /** The entity with the asked attributes only (and its id and type). */
    JsonObject project(JsonObject entity) {
        if (names == null) {
            return entity;
        }
        JsonObject kept = new JsonObject().put("id", entity.getValue("id")).put("type", entity.getValue("type"));
        for (String name : names) {
            if (entity.containsKey(name)) {
                kept.put(name, entity.getValue(name));
            }
        }
        return kept;
    }
}
