package org.clearway.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * Mosquitto {@code acl_file} blocks of the service users. A shared subscription is checked as written
 * ({@code $share/<group>/...}) when the service subscribes, and each message it delivers against the topic it
 * was published on, so a reader needs both lines.
 */
public final class ServiceAcl {
    private ServiceAcl() {
    }

    /** The users and subscription groups of the services. */
    public record Users(String ingest, String ingestShareGroup, String dispatch, String dispatchShareGroup, String api) {
        public static final Users DEFAULTS = new Users("clearway-ingest", "clearway-ingest", "clearway-dispatch",
                "clearway-dispatch", "clearway-api");
    }

    /** The blocks of all three services. */
    public static List<String> all(Users users, String topicPrefix) {
        List<String> lines = new ArrayList<>(ingest(users.ingest(), users.ingestShareGroup(), topicPrefix));
        lines.addAll(dispatch(users.dispatch(), users.dispatchShareGroup(), topicPrefix));
        lines.addAll(api(users.api(), topicPrefix));
        return lines;
    }

    /**
     * Ingest reads every bin's messages, through its shared subscription on {@code bins/#}, and relays the readings
     * of the other sources (network servers, HTTP) to dispatch on {@code bins/+/decoded}, which no device may write.
     */
    public static List<String> ingest(String user, String shareGroup, String topicPrefix) {
        List<String> lines = new ArrayList<>();
        lines.add("user " + user);
        shared(lines, shareGroup, topicPrefix + "bins/#");
        lines.add("topic write " + topicPrefix + "bins/+/decoded");
        lines.add("");
        return lines;
    }

    /**
     * Dispatch reads the telemetry, ingest's relay of the other sources' readings and the trucks' updates and positions (shared subscriptions of its own group),
     * and publishes routes, replies and jobs.
     */
    public static List<String> dispatch(String user, String shareGroup, String topicPrefix) {
        List<String> lines = new ArrayList<>();
        lines.add("user " + user);
        for (String topic : List.of("bins/+/telemetry", "bins/+/decoded", "trucks/+/updates",
                "trucks/+/position")) {
            shared(lines, shareGroup, topicPrefix + topic);
        }
        for (String topic : List.of("trucks/+/route", "trucks/+/replies", "dispatch/jobs/#")) {
            lines.add("topic write " + topicPrefix + topic);
        }
        lines.add("");
        return lines;
    }

    /** The dashboard API may follow the published jobs; it publishes nothing. */
    public static List<String> api(String user, String topicPrefix) {
        return List.of("user " + user, "topic read " + topicPrefix + "dispatch/jobs/#", "");
    }

    private static void shared(List<String> lines, String shareGroup, String filter) {
        if (!shareGroup.isEmpty()) {
            lines.add("topic read $share/" + shareGroup + "/" + filter);
        }
        lines.add("topic read " + filter);
    }
}
