package org.clearway.ingest.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clearway.core.config.Env;

/**
 * Which sources ingest reads, each on ingest's own broker session (same broker, same QoS 1
 * subscription, same commit-then-PUBACK path):
 *
 * <ul>
 *   <li>{@code CLEARWAY_INGEST_SOURCES}: a comma-separated list of {@code contract} (the device
 *       contract's {prefix}bins/{binId}/telemetry), {@code chirpstack}, {@code tts} (their MQTT integrations),
 *       {@code chirpstack-http}, {@code tts-http} (their HTTP integration and webhook) and {@code http} (devices
 *       posting the contract's JSON with a device token), the last three served by {@link HttpSourcesConfig};
 *       default {@code contract}</li>
 *   <li>{@code CLEARWAY_INGEST_CHIRPSTACK_TOPIC}: ChirpStack v4 uplink events; default
 *       {@code application/+/device/+/event/up} (put an application id in place of the first {@code +}
 *       to take one application only)</li>
 *   <li>{@code CLEARWAY_INGEST_CHIRPSTACK_STATUS_TOPIC}: ChirpStack v4 status events (the device's battery), read
 *       with the {@code chirpstack} source; default {@code application/+/device/+/event/status}, {@code none} to read none</li>
 *   <li>{@code CLEARWAY_INGEST_TTS_TOPIC}: The Things Stack v3 uplinks; default {@code v3/+/devices/+/up}
 *       (or {@code v3/{application}@{tenant}/devices/+/up})</li>
 * </ul>
 *
 * @param topics       source name to its topic filter, in the order configured (the MQTT sources)
 * @param http         the HTTP sources configured, in order
 * @param chirpstackStatusTopic the filter of ChirpStack's status events, subscribed for the {@code chirpstack}
 *                     source; null when that source is off or the variable is {@code none}
 */
public record UplinkSources(Map<String, String> topics, List<String> http, String chirpstackStatusTopic) {
    public static final String CONTRACT = "contract";
    public static final String CHIRPSTACK = "chirpstack";
    public static final String TTS = "tts";
    public static final String CHIRPSTACK_HTTP = "chirpstack-http";
    public static final String TTS_HTTP = "tts-http";
    public static final String HTTP = "http";

    public static UplinkSources from(Env env, String contractFilter) {
        Map<String, String> topics = new LinkedHashMap<>();
        List<String> http = new ArrayList<>();
        for (String name : env.string("CLEARWAY_INGEST_SOURCES", CONTRACT).split(",")) {
            String source = name.trim().toLowerCase(Locale.ROOT);
            switch (source) {
                case CONTRACT -> topics.put(CONTRACT, contractFilter);
                case CHIRPSTACK -> topics.put(CHIRPSTACK,
                        env.string("CLEARWAY_INGEST_CHIRPSTACK_TOPIC", "application/+/device/+/event/up"));
                case TTS -> topics.put(TTS, env.string("CLEARWAY_INGEST_TTS_TOPIC", "v3/+/devices/+/up"));
                case CHIRPSTACK_HTTP, TTS_HTTP, HTTP -> {
                    if (!http.contains(source)) {
                        http.add(source);
                    }
                }
                case "" -> { }
                default -> throw new IllegalArgumentException("CLEARWAY_INGEST_SOURCES: unknown source '" + source
                        + "'; known: contract, chirpstack, tts, chirpstack-http, tts-http, http");
            }
        }
        if (topics.isEmpty() && http.isEmpty()) {
            throw new IllegalArgumentException("CLEARWAY_INGEST_SOURCES names no source");
        }
        String status = env.string("CLEARWAY_INGEST_CHIRPSTACK_STATUS_TOPIC", "application/+/device/+/event/status").trim();
        return new UplinkSources(java.util.Collections.unmodifiableMap(topics), List.copyOf(http),
                topics.containsKey(CHIRPSTACK) && !status.equalsIgnoreCase("none") ? status : null);
    }

    /** Whether any source other than the contract's topic is configured: only their readings are relayed to dispatch. */
    public boolean relayed() {
        return names().stream().anyMatch(name -> !name.equals(CONTRACT));
    }

    /** Every source configured: the MQTT ones, then the HTTP ones. */
    public List<String> names() {
        List<String> all = new ArrayList<>(topics.keySet());
        all.addAll(http);
        return all;
    }
}
