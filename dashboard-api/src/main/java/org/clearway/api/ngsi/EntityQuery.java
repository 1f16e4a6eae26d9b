package org.clearway.api.ngsi;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of an NGSI-LD entity query ({@code GET /ngsi-ld/v1/entities}) as far as we answer them: {@code type},
 * {@code id} (a comma-separated list), {@code q} ({@link QFilter}), the geo-query ({@link GeoQuery}), {@code attrs}
 * ({@link Attrs}), {@code limit}, {@code offset}, {@code count}, and the representation ({@link Form}).
 */
public record EntityQuery(String type, String ids, String q, String georel, String geometry, String coordinates,
                          String geoproperty, int limit, int offset, boolean count, Form form, Attrs attrs) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_OFFSET = 1_000_000;
    private static final Pattern BIN_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final Set<String> OPTIONS = Set.of("keyValues", "simplified", "normalized", "sysAttrs");

    /** Normalized (Property, GeoProperty and Relationship objects) or keyValues (also called simplified). */
    public enum Form { NORMALIZED, KEY_VALUES }

    /** @throws org.clearway.api.http.ApiException 400 when none of type, id, attrs, q and georel narrows the query */
    static EntityQuery from(NgsiParams params) {
        if (params.string("type") == null && params.string("id") == null && params.string("q") == null
                && params.string("georel") == null && params.string("attrs") == null) {
            throw QFilter.bad("a query names type (WasteContainer), id, attrs, q or a geo-query");
        }
        return new EntityQuery(params.string("type"), params.string("id"), params.string("q"), params.string("georel"),
                params.string("geometry"), params.string("coordinates"), params.string("geoproperty"),
                params.integer("limit", DEFAULT_LIMIT, 0, MAX_LIMIT), params.integer("offset", 0, 0, MAX_OFFSET),
                params.bool("count"),
                form(params), Attrs.parse(params.string("attrs")));
    }

    /** {@code options=keyValues} or {@code format=simplified|keyValues} give keyValues; the default is normalized. */
    static Form form(NgsiParams params) {
        String format = params.string("format");
        String options = params.string("options");
        boolean keyValues = false;
        if (options != null) {
            for (String option : options.split(",")) {
                if (!OPTIONS.contains(option.trim())) {
                    throw QFilter.bad("options: " + option.trim() + " is not supported; use keyValues or normalized");
                }
                keyValues |= option.trim().equals("keyValues") || option.trim().equals("simplified");
            }
        }
        if (format != null) {
            keyValues = switch (format) {
                case "simplified", "keyValues" -> true;
                case "normalized" -> false;
                default -> throw QFilter.bad("format: " + format + " is not supported; use simplified or normalized");
            };
        }
        return keyValues ? Form.KEY_VALUES : Form.NORMALIZED;
    }

    /** The SQL conditions over the entity rows, and their arguments in order. */
    void conditions(List<String> conditions, List<Object> args) {
        if (type != null && Arrays.stream(type.split(",")).map(String::trim).noneMatch(NgsiLd.TYPE::equals)) {
            conditions.add("false");
        }
        if (ids != null) {
            List<String> binIds = Arrays.stream(ids.split(",")).map(String::trim).map(EntityQuery::binId)
                    .filter(java.util.Objects::nonNull).toList();
            conditions.add("id = ANY(string_to_array(?::text, ','))");
            args.add(String.join(",", binIds));
        }
        QFilter.parse(q, conditions, args);
        attrs.conditions(conditions);
        GeoQuery.parse(georel, geometry, coordinates, geoproperty, conditions, args);
    }

    /**
     * The bin id of a WasteContainer entity id, or null when the id is another entity's (a URI of another scheme or
     * type); 400 when it is not a URI at all.
     */
    static String binId(String entityId) {
        if (entityId == null || !entityId.matches("^[A-Za-z][A-Za-z0-9+.-]*:.+$")) {
            throw QFilter.bad("id: '" + entityId + "' is not a URI such as " + NgsiLd.ID_PREFIX + "b1");
        }
        if (!entityId.startsWith(NgsiLd.ID_PREFIX)) {
            return null;
        }
        String binId = entityId.substring(NgsiLd.ID_PREFIX.length());
        return BIN_ID.matcher(binId).matches() ? binId : null;
    }
}
