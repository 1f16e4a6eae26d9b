package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;

/** The fields of a bin to register (everything else, such as createdAt, is the database's). */
record NewBin(String id, String zoneId, String stream, double volumeL, int depthMm, int sensorOffsetMm,
              double lat, double lon, Double thresholdPct) {

    /** From a body already validated against openapi.yaml's BinCreate. */
    static NewBin fromJson(JsonObject body) {
        Number threshold = (Number) body.getValue("thresholdPct");
        return new NewBin(body.getString("id"), body.getString("zoneId"), body.getString("stream"),
                body.getDouble("volumeL"), body.getInteger("depthMm"), body.getInteger("sensorOffsetMm", 0),
                body.getDouble("lat"), body.getDouble("lon"), threshold == null ? null : threshold.doubleValue());
    }
}
