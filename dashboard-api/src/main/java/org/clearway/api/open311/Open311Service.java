package org.clearway.api.open311;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Optional;

/**
 * The services citizens can report (GeoReport v2 "service list"), and the job each one opens when
 * the report is near a bin ({@code reason} and {@code priority} as {@code jobs} stores them). A report
 * near no bin opens no job.
 */
public enum Open311Service {
    OVERFLOWING_BIN("overflowing_bin", "Overflowing bin", "A public waste bin is full or overflowing.",
            "bin,full,overflowing,litter", "Waste bins", "citizen", "normal"),
    DAMAGED_BIN("damaged_bin", "Damaged bin", "A public waste bin or its sensor is broken, tilted or burnt.",
            "bin,broken,damaged,fire,lid", "Waste bins", "maintenance", "maintenance"),
    ILLEGAL_DUMPING("illegal_dumping", "Illegal dumping", "Waste left on the street, next to bins or anywhere else.",
            "dumping,fly-tipping,rubbish,bulky waste", "Street cleanliness", "citizen", "normal");

    private final String code;
    private final String name;
    private final String description;
    private final String keywords;
    private final String group;
    private final String jobReason;
    private final String jobPriority;

    Open311Service(String code, String name, String description, String keywords, String group,
                   String jobReason, String jobPriority) {
        this.code = code;
        this.name = name;
        this.description = description;
        this.keywords = keywords;
        this.group = group;
        this.jobReason = jobReason;
        this.jobPriority = jobPriority;
    }

    public String code() {
        return code;
    }

    public String serviceName() {
        return name;
    }

    /** The {@code jobs.reason} a report of this service opens near a bin. */
    public String jobReason() {
        return jobReason;
    }

    public String jobPriority() {
        return jobPriority;
    }

    public static Optional<Open311Service> byCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    /** The service as an entry of {@code services.json}. */
    public JsonObject listEntry() {
        return new JsonObject()
                .put("service_code", code)
                .put("service_name", name)
                .put("description", description)
                .put("metadata", false)
                .put("type", "realtime")
                .put("keywords", keywords)
                .put("group", group);
    }

    /** The service definition of {@code services/{code}.json}: no attributes. */
    public JsonObject definition() {
        return new JsonObject().put("service_code", code).put("attributes", new io.vertx.core.json.JsonArray());
    }
}
