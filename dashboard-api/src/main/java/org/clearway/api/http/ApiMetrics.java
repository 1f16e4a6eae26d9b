package org.clearway.api.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The API's Prometheus metrics, named like ingest's and dispatch's ({@code clearway_<service>_...}, a
 * {@code service} label on every series):
 * <ul>
 *   <li>{@code http_server_requests_seconds{route, method, status}}: every request, by the route's template in
 *       openapi.yaml ({@code /jobs/{jobId}}), never the raw path, so that ids do not make new series; paths of no
 *       route count as {@code route="unmatched"};</li>
 *   <li>{@code clearway_api_auth_failures_total{reason}}: {@code unauthorized} (401) and {@code forbidden} (403);</li>
 *   <li>{@code clearway_api_rate_limited_total}: requests refused with 429 by the token's rate limit;</li>
 *   <li>{@code clearway_api_sse_clients}: open event streams; {@code clearway_api_sse_refused_total}: streams refused
 *       by the limits; {@code clearway_api_sse_events_total{type}}: events sent;</li>
 *   <li>{@code clearway_api_ngsi_push_entities_total{outcome}}: entities the context broker {@code taken} or
 *       {@code refused} (sent again); {@code clearway_api_ngsi_push_failures_total}: upserts that failed whole.</li>
 * </ul>
 */
public final class ApiMetrics {
    /** A request marked with this key (any value) answered 429 for another reason than the rate limit. */
    public static final String NOT_RATE_LIMIT = "clearway.metrics.not-rate-limit";
    private static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry;
    private final Counter rateLimited;
    private final Counter sseRefused;

    public ApiMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.rateLimited = Counter.builder("clearway.api.rate.limited")
                .description("Requests refused by the token's rate limit").register(registry);
        this.sseRefused = Counter.builder("clearway.api.sse.refused")
                .description("Event streams refused by the per-token or total limit").register(registry);
        for (String reason : new String[] {"unauthorized", "forbidden"}) {
            authFailures(reason);
        }
    }

    public void request(String route, String method, int status, long nanos) {
        Timer.builder("http.server.requests").description("HTTP requests by route template, method and status")
                .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
                .serviceLevelObjectives(SLOS).register(registry).record(Duration.ofNanos(nanos));
    }

    public void authFailure(String reason) {
        authFailures(reason).increment();
    }

    private Counter authFailures(String reason) {
        return Counter.builder("clearway.api.auth.failures").description("Requests refused for their token")
                .tag("reason", reason).register(registry);
    }

    /** A driver's photo upload and how it ended (stored, duplicate, or the refusal's code). */
    public void photo(String outcome) {
        Counter.builder("clearway.api.driver.photos").description("Photo uploads from the driver app by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void sseRefused() {
        sseRefused.increment();
    }

    public void sseEvent(String type) {
        Counter.builder("clearway.api.sse.events").description("Server-sent events written to clients")
                .tag("type", type).register(registry).increment();
    }

    public void sseClients(Supplier<Number> open) {
        Gauge.builder("clearway.api.sse.clients", open).description("Open event streams").register(registry);
    }

    /** Entities a batch upsert to the context broker got in ({@code taken}) or did not ({@code refused}). */
    public void ngsiPushed(int taken, int refused) {
        ngsiEntities("taken").increment(taken);
        ngsiEntities("refused").increment(refused);
    }

    /** An upsert the context broker refused whole, or did not answer. */
    public void ngsiPushFailed() {
        Counter.builder("clearway.api.ngsi.push.failures").description("Upserts to the context broker that failed whole")
                .register(registry).increment();
    }

    private Counter ngsiEntities(String outcome) {
        return Counter.builder("clearway.api.ngsi.push.entities").description("Entities sent to the context broker")
                .tag("outcome", outcome).register(registry);
    }

    /** The Prometheus text format; blocking, call it off the event loop. */
    public String scrape() {
        return registry.scrape();
    }
}
