package org.clearway.api.resources;

import java.util.List;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.Params;

/**
 * The filters of the bin list and the GeoJSON: a zone (with its descendants), a waste stream, a
 * bounding box {@code minLon,minLat,maxLon,maxLat}.
 */
record BinFilter(String zone, String stream, double[] bbox) {

    /** The WHERE conditions after {@link Scope#SCOPE_AND_FILTER_CTE}; arguments from {@link #args}. */
    static final String CONDITIONS = """
            b.zone_id IN (SELECT id FROM scope)
            AND (?::text IS NULL OR b.zone_id IN (SELECT id FROM sub))
            AND (?::text IS NULL OR b.stream = ?::text)
            AND (?::boolean IS NOT TRUE OR (b.lon BETWEEN ? AND ? AND b.lat BETWEEN ? AND ?))
            """;

    static BinFilter from(Params params) {
        return new BinFilter(params.string("zone"), params.string("stream"), bbox(params.string("bbox")));
    }

    /** Arguments of {@link #CONDITIONS} (the CTE's come first, from {@link Scope#args}). */
    void addArgs(List<Object> args) {
        args.add(zone);
        args.add(stream);
        args.add(stream);
        args.add(bbox != null);
        args.add(bbox == null ? 0.0 : bbox[0]);
        args.add(bbox == null ? 0.0 : bbox[2]);
        args.add(bbox == null ? 0.0 : bbox[1]);
        args.add(bbox == null ? 0.0 : bbox[3]);
    }

    static double[] bbox(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",");
        double[] box = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                box[i] = Double.parseDouble(parts[i]);
            }
        } catch (RuntimeException e) {
            throw invalidBbox();
        }
        if (box[0] < -180 || box[2] > 180 || box[1] < -90 || box[3] > 90 || box[0] > box[2] || box[1] > box[3]) {
            throw invalidBbox();
        }
        return box;
    }

    private static ApiException invalidBbox() {
        return ApiException.badRequest("invalid_bbox",
                "bbox is minLon,minLat,maxLon,maxLat with -180 <= minLon <= maxLon <= 180 and -90 <= minLat <= maxLat <= 90");
    }
}
