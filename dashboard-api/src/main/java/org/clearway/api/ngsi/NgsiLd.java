package org.clearway.api.ngsi;

/**
 * The names NGSI-LD and the Smart Data Models fix for our bins (docs/ngsi-ld.md): the entity type, the id scheme, the
 * model's {@code @context} and the media types.
 */
public final class NgsiLd {
    public static final String TYPE = "WasteContainer";
    /** A bin's entity id is this prefix and the bin's id. */
    public static final String ID_PREFIX = "urn:ngsi-ld:WasteContainer:";
    /** A device's entity id (the object of {@code refDevice}) is this prefix and the device's id. */
    public static final String DEVICE_PREFIX = "urn:ngsi-ld:Device:";
    /** The WasteManagement model's JSON-LD context, as the model's own examples cite it. */
    public static final String MODEL_CONTEXT =
            "https://raw.githubusercontent.com/smart-data-models/dataModel.WasteManagement/master/context.jsonld";
    /** The NGSI-LD core context, listed after the model's in an inline {@code @context}. */
    public static final String CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";
    /** The Link header that carries the model's context with an application/json answer. */
    public static final String LINK = "<" + MODEL_CONTEXT + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; "
            + "type=\"application/ld+json\"";
    public static final String JSON = "application/json";
    public static final String JSON_LD = "application/ld+json";
    /** The header that carries the number of matching entities when {@code count=true}. */
    public static final String RESULTS_COUNT = "NGSILD-Results-Count";

    private NgsiLd() {
    }

    /** The entity id of a bin. */
    public static String entityId(String binId) {
        return ID_PREFIX + binId;
    }
}
