package org.clearway.api.ngsi;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Locale;
import org.clearway.api.resources.GreatCircle;

/**
 * The geo-queries of NGSI-LD over a bin's {@code location} (a Point), as SQL over {@code lat} and {@code lon}:
 * {@code georel=near;maxDistance==N} (and/or {@code minDistance==N}, metres, great-circle) with a Point;
 * {@code within} and {@code intersects} (the same for a point) and {@code disjoint} with a Polygon (its first ring the
 * outline, later rings holes; planar in degrees, its edges included); {@code equals} with a Point. Anything else is
 * refused with 400.
 */
final class GeoQuery {
    /** The distance of {@code near}, in metres. */
    static final String DISTANCE = GreatCircle.metres("lat", "lon");

    private GeoQuery() {
    }

    /** Appends the geo-query's SQL condition; nothing when none of georel, geometry and coordinates is given. */
    static void parse(String georel, String geometry, String coordinates, String geoproperty,
                      List<String> conditions, List<Object> args) {
        if (georel == null && geometry == null && coordinates == null) {
            return;
        }
        if (georel == null || geometry == null || coordinates == null) {
            throw QFilter.bad("a geo-query needs georel, geometry and coordinates together");
        }
        if (geoproperty != null && !geoproperty.equals("location")) {
            throw QFilter.bad("geoproperty: a WasteContainer has only location");
        }
        String[] parts = georel.split(";");
        String relation = parts[0].trim();
        JsonArray coords = json(coordinates);
        switch (relation) {
            case "near" -> near(parts, point(geometry, coords, "near"), conditions, args);
            case "equals" -> {
                double[] p = point(geometry, coords, "equals");
                noModifiers(parts);
                conditions.add("lon = ? AND lat = ?");
                args.add(p[0]);
                args.add(p[1]);
            }
            case "within", "intersects" -> {
                noModifiers(parts);
                conditions.add(inside(polygon(geometry, coords), args));
            }
            case "disjoint" -> {
                noModifiers(parts);
                conditions.add("NOT " + inside(polygon(geometry, coords), args));
            }
            default -> throw QFilter.bad("georel: " + relation + " is not supported; use near, within, intersects, "
                    + "disjoint or equals");
        }
    }

    private static void near(String[] parts, double[] p, List<String> conditions, List<Object> args) {
        if (parts.length < 2) {
            throw QFilter.bad("georel: near needs maxDistance==<metres> or minDistance==<metres>");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("==", 2);
            String op = switch (kv[0]) {
                case "maxDistance" -> "<=";
                case "minDistance" -> ">=";
                default -> throw QFilter.bad("georel: near takes maxDistance==<metres> and minDistance==<metres>");
            };
            double metres;
            try {
                metres = kv.length == 2 ? Double.parseDouble(kv[1].trim()) : Double.NaN;
            } catch (NumberFormatException e) {
                metres = Double.NaN;
            }
            if (!(metres >= 0) || Double.isInfinite(metres)) {
                throw QFilter.bad("georel: " + kv[0] + " is a distance in metres, 0 or more");
            }
            conditions.add(DISTANCE + " " + op + " ?");
            args.add(p[1]);
            args.add(p[1]);
            args.add(p[0]);
            args.add(metres);
        }
    }

    private static void noModifiers(String[] parts) {
        if (parts.length > 1) {
            throw QFilter.bad("georel: only near takes maxDistance or minDistance");
        }
    }

    /** {@code polygon @> point}, AND NOT for each hole. */
    private static String inside(List<String> rings, List<Object> args) {
        StringBuilder sql = new StringBuilder("(?::polygon @> point(lon, lat)");
        args.add(rings.get(0));
        for (String hole : rings.subList(1, rings.size())) {
            sql.append(" AND NOT (?::polygon @> point(lon, lat))");
            args.add(hole);
        }
        return sql.append(')').toString();
    }

    private static JsonArray json(String coordinates) {
        try {
            return new JsonArray(coordinates.trim());
        } catch (DecodeException | ClassCastException e) {
            throw QFilter.bad("coordinates: not a JSON array such as [13.4,52.5]");
        }
    }

    private static double[] point(String geometry, JsonArray coords, String relation) {
        if (!geometry.equals("Point")) {
            throw QFilter.bad("georel " + relation + " takes geometry=Point");
        }
        return position(coords);
    }

    /** The rings of a GeoJSON Polygon as PostgreSQL polygon literals {@code ((x,y),...)}. */
    private static List<String> polygon(String geometry, JsonArray coords) {
        if (!geometry.equals("Polygon")) {
            throw QFilter.bad("georel within, intersects and disjoint take geometry=Polygon");
        }
        if (coords.isEmpty()) {
            throw QFilter.bad("coordinates: a Polygon has at least one ring");
        }
        List<String> rings = new java.util.ArrayList<>();
        for (Object ring : coords) {
            if (!(ring instanceof JsonArray positions) || positions.size() < 4) {
                throw QFilter.bad("coordinates: each ring of a Polygon is an array of at least 4 positions");
            }
            StringBuilder text = new StringBuilder("(");
            for (int i = 0; i < positions.size(); i++) {
                if (!(positions.getValue(i) instanceof JsonArray position)) {
                    throw QFilter.bad("coordinates: a position is [lon,lat]");
                }
                double[] p = position(position);
                text.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "(%s,%s)", p[0], p[1]));
            }
            rings.add(text.append(')').toString());
        }
        return rings;
    }

    private static double[] position(JsonArray position) {
        if (position.size() < 2 || !(position.getValue(0) instanceof Number lon)
                || !(position.getValue(1) instanceof Number lat)) {
            throw QFilter.bad("coordinates: a position is [lon,lat] in degrees");
        }
        double x = lon.doubleValue();
        double y = lat.doubleValue();
        if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
            throw QFilter.bad("coordinates: lon is within [-180,180] and lat within [-90,90]");
        }
        return new double[] {x, y};
    }
}
