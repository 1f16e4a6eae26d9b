package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.regex.Pattern;
import org.clearway.api.http.ApiException;
import org.clearway.core.contract.devices.DeviceModel;

/**
 * A device to put on a bin: its id (a DevEUI is kept as 16 lower-case hex digits; ids are compared
 * in lower case, as network servers spell them differently), its model and its source.
 */
record NewDevice(String id, DeviceModel model, String source) {
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    static final java.util.List<String> SOURCES = java.util.List.of("mqtt", "chirpstack", "tts", "http");

    static NewDevice of(String id, String model, String source) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid_value", "deviceId '" + id + "' is not 1 to 64 of A-Z a-z 0-9 _ . -");
        }
        DeviceModel m = DeviceModel.fromCode(model == null ? "" : model).orElseThrow(() -> ApiException.badRequest(
                "unknown_model", "model '" + model + "' is not one of " + java.util.Arrays.stream(DeviceModel.values())
                        .map(DeviceModel::code).toList()));
        if (!SOURCES.contains(source)) {
            throw ApiException.badRequest("invalid_value", "source '" + source + "' is not one of " + SOURCES);
        }
        return new NewDevice(id.toLowerCase(Locale.ROOT), m, source);
    }

    /** From a body already validated against openapi.yaml's DeviceAssign. */
    static NewDevice fromJson(JsonObject body) {
        return of(body.getString("deviceId"), body.getString("model"), body.getString("source"));
    }
}
