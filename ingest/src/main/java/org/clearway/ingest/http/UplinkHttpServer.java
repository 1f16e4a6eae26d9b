package org.clearway.ingest.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Rejection;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.ingest.pipeline.BatchQueue;
import org.clearway.ingest.message.Envelope;
import org.clearway.ingest.message.Reply;
import org.clearway.ingest.pipeline.SensorRateLimiter;
import org.clearway.ingest.message.StatusEvent;
import org.clearway.ingest.sources.BadUplink;
import org.clearway.ingest.sources.ChirpStackStatus;
import org.clearway.ingest.sources.ChirpStackUplinks;
import org.clearway.ingest.sources.ServerMessage;
import org.clearway.ingest.sources.TtsUplinks;
import org.clearway.ingest.sources.UplinkParser;
import org.clearway.ingest.store.DeviceTokens;

/**
 * Ingest's HTTP sources, on the same path as MQTT messages (queue, batch, one transaction, answer after the commit
 * where a PUBACK would go):
 *
 * <ul>
 *   <li>{@code POST /chirpstack?event=up}: ChirpStack v4's HTTP integration (JSON marshaler), authenticated by
 *       {@code Authorization: Bearer <CLEARWAY_INGEST_CHIRPSTACK_SECRET>}; {@code ?event=status} stores the device's
 *       battery as its status; its other events are answered 204;</li>
 *   <li>{@code POST /tts/uplink}: The Things Stack v3's webhook, uplink messages, with its own secret;</li>
 *   <li>{@code POST /devices/{deviceId}/telemetry}: a device posting the device contract's JSON with its own
 *       token ({@code Authorization: Bearer <token>}), stored for the bin the device is on now, under the same
 *       flood limits as the contract's topics.</li>
 * </ul>
 * Answers: {@link HttpAnswers}. Handlers never block the event loop: the token lookup runs on a worker.
 */
public final class UplinkHttpServer {
    /** Bodies above this are refused before they are read whole (413, not kept); below, the parsers' caps apply. */
    static final long BODY_LIMIT = 1024 * 1024;
    static final String CHIRPSTACK = "chirpstack-http";
    static final String TTS = "tts-http";
    static final String DEVICES = "http";
    /** The topic kept with a network server's rejected HTTP message: the source's path. */
    static final String CHIRPSTACK_TOPIC = "http/chirpstack";
    static final String TTS_TOPIC = "http/tts/uplink";
    static final String CHIRPSTACK_STATUS_TOPIC = "http/chirpstack/status";
    private static final String BEARER = "Bearer ";

    /**
     * What the server needs.
     *
     * @param chirpstackSecret null when the source is off
     * @param ttsSecret        null when the source is off
     * @param tokens           null when the device source is off
     */
    public record Settings(String chirpstackSecret, String ttsSecret, DeviceTokens tokens, int maxWaiting,
                           Duration timeout) {
    }

    private final Vertx vertx;
    private final Settings settings;
    private final BatchQueue queue;
    private final SensorRateLimiter limiter;
    private final TelemetryDecoder decoder;
    private final TelemetryTopic topics;
    private final Clock clock;
    private final SourceMetrics metrics;
    private final AtomicInteger waiting = new AtomicInteger();
    private final UplinkParser chirpstack = new ChirpStackUplinks();
    private final UplinkParser tts = new TtsUplinks();
    private HttpServer server;

    public UplinkHttpServer(Vertx vertx, Settings settings, BatchQueue queue, SensorRateLimiter limiter,
                            TelemetryDecoder decoder, TelemetryTopic topics, Clock clock, SourceMetrics metrics) {
        this.vertx = vertx;
        this.settings = settings;
        this.queue = queue;
        this.limiter = limiter;
        this.decoder = decoder;
        this.topics = topics;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** @return the port it listens on */
    public Future<Integer> start(String host, int port) {
        Router router = Router.router(vertx);
        router.post().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        if (settings.chirpstackSecret() != null) {
            router.post("/chirpstack").handler(this::chirpstack);
        }
        if (settings.ttsSecret() != null) {
            router.post("/tts/uplink").handler(this::tts);
        }
        if (settings.tokens() != null) {
            router.post("/devices/:deviceId/telemetry").handler(this::device);
        }
        router.route().failureHandler(this::failed);
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    /**
     * Stops taking requests and waits up to {@code grace} for those waiting for their commit to be answered (the
     * writers are still running then), and closes.
     */
    public Future<Void> stop(Duration grace) {
        return server == null ? Future.succeededFuture() : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void chirpstack(RoutingContext ctx) {
        metrics.received(CHIRPSTACK);
        if (!authorized(ctx, CHIRPSTACK, settings.chirpstackSecret())) {
            return;
        }
        String event = ctx.request().getParam("event");
        if (event == null) {
            refuse(ctx, CHIRPSTACK, "bad_request", HttpAnswers.badRequest("the event query parameter is missing: configure the URL "
                    + "as ChirpStack's HTTP integration calls it (?event=up)"));
            return;
        }
        if (event.equals("status")) {
            status(ctx);
            return;
        }
        if (!event.equals("up")) {
            metrics.ignored(CHIRPSTACK, event.length() > 16 ? "other" : event);
            answer(ctx, HttpAnswers.ignored());
            return;
        }
        uplink(ctx, CHIRPSTACK, CHIRPSTACK_TOPIC, chirpstack);
    }

    private void tts(RoutingContext ctx) {
        metrics.received(TTS);
        if (authorized(ctx, TTS, settings.ttsSecret())) {
            uplink(ctx, TTS, TTS_TOPIC, tts);
        }
    }

    /** A network server's uplink: parsed here, resolved to its bin and decoded in the store's transaction. */
    private void uplink(RoutingContext ctx, String source, String topic, UplinkParser parser) {
        if (!admitted(ctx, source)) {
            return;
        }
        byte[] body = body(ctx);
        InboundMessage message = message(topic, body);
        try {
            ServerMessage parsed = parser.parseBody(body);
            limiter.countUplink(parsed.deviceId(), message.receivedAt(), System.nanoTime());
            enqueue(new Envelope(message, new DecodedMessage(null, List.of(), List.of()), parsed.uplink(),
                    reply(ctx, source), parsed.status(), source));
        } catch (BadUplink bad) {
            enqueue(Envelope.decoded(source, message, DecodedMessage.rejected(null,
                    Rejection.ofMessage(bad.reason(), bad.getMessage(), body)), reply(ctx, source)));
        }
    }

    /**
     * ChirpStack's status event: the device's battery, stored as its status in the batch's transaction and answered
     * after the commit like an uplink; an unregistered device or a bad body is kept like a bad uplink.
     */
    private void status(RoutingContext ctx) {
        if (!admitted(ctx, CHIRPSTACK)) {
            return;
        }
        byte[] body = body(ctx);
        InboundMessage message = message(CHIRPSTACK_STATUS_TOPIC, body);
        try {
            StatusEvent status = ChirpStackStatus.parse(body).event();
            enqueue(new Envelope(message, new DecodedMessage(null, List.of(), List.of()), null, reply(ctx, CHIRPSTACK),
                    status, CHIRPSTACK));
        } catch (BadUplink bad) {
            enqueue(Envelope.decoded(CHIRPSTACK, message, DecodedMessage.rejected(null,
                    Rejection.ofMessage(bad.reason(), bad.getMessage(), body)), reply(ctx, CHIRPSTACK)));
        }
    }

    /** A device posting the contract's JSON: its token says which device, its device's bin now which topic. */
    private void device(RoutingContext ctx) {
        metrics.received(DEVICES);
        String token = bearer(ctx);
        String deviceId = ctx.pathParam("deviceId").toLowerCase(java.util.Locale.ROOT);
        if (token == null) {
            refuse(ctx, DEVICES, "unauthorized", HttpAnswers.unauthorized("send the device's token as 'Authorization: Bearer <token>'"));
            return;
        }
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> settings.tokens().find(token)).onComplete(found -> context.runOnContext(v -> {
            if (found.failed()) {
                refuse(ctx, DEVICES, "busy", HttpAnswers.busy("the device registry cannot be read now: resend later"));
            } else if (found.result().isEmpty() || !found.result().get().deviceId().equals(deviceId)) {
                refuse(ctx, DEVICES, "unauthorized", HttpAnswers.unauthorized("the token is not device " + deviceId
                        + "'s, or was revoked"));
            } else {
                contractJson(ctx, found.result().get());
            }
        }));
    }

    private void contractJson(RoutingContext ctx, DeviceTokens.Holder holder) {
        if (!admitted(ctx, DEVICES)) {
            return;
        }
        byte[] body = body(ctx);
        if (holder.binId() == null) {
            InboundMessage message = message("http/devices/" + holder.deviceId(), body);
            enqueue(Envelope.decoded(DEVICES, message, DecodedMessage.rejected(null, Rejection.ofMessage(
                    org.clearway.core.contract.RejectReason.UNKNOWN_DEVICE, "device " + holder.deviceId()
                            + " is on no bin now: put it on its bin (PUT /bins/{id}/device) before it sends", body)),
                    reply(ctx, DEVICES)));
            return;
        }
        // The contract's topic of the device's bin: its rejections and parked messages read as the contract's.
        InboundMessage message = message(topics.topicOf(holder.binId()), body);
        DecodedMessage decoded = limiter.admit(decoder.decode(message.topic(), body), body, message.receivedAt(),
                System.nanoTime());
        enqueue(Envelope.decoded(DEVICES, message, decoded, reply(ctx, DEVICES)));
    }

    private InboundMessage message(String topic, byte[] body) {
        return new InboundMessage(topic, body, 1, 0, false, clock.instant(), -1);
    }

    private static byte[] body(RoutingContext ctx) {
        Buffer b = ctx.body().buffer();
        return b == null ? new byte[0] : b.getBytes();
    }

    /** Takes a place among the requests waiting for their commit, or answers 503 when there is none. */
    private boolean admitted(RoutingContext ctx, String source) {
        if (waiting.incrementAndGet() > settings.maxWaiting()) {
            waiting.decrementAndGet();
            refuse(ctx, source, "busy", HttpAnswers.busy(settings.maxWaiting() + " requests wait for their commit "
                    + "already: resend later"));
            return false;
        }
        return true;
    }

    /** Queues an admitted message; its answer comes after the commit, or at the timeout. */
    private void enqueue(Envelope envelope) {
        queue.offer(envelope);
    }

    /** The reply the writer sends after the commit; a timer answers 503 first if the commit takes too long. */
    private Reply reply(RoutingContext ctx, String source) {
        Context context = vertx.getOrCreateContext();
        AtomicBoolean answered = new AtomicBoolean();
        long timer = vertx.setTimer(settings.timeout().toMillis(), id -> {
            if (answered.compareAndSet(false, true)) {
                waiting.decrementAndGet();
                refuse(ctx, source, "timeout", HttpAnswers.busy("not committed within " + settings.timeout().toSeconds()
                        + " s (the database is slow or down): resend later; a message stored meanwhile is stored once"));
            }
        });
        return new Reply(outcome -> {
            if (answered.compareAndSet(false, true)) {
                waiting.decrementAndGet();
                context.runOnContext(v -> {
                    vertx.cancelTimer(timer);
                    metrics.stored(source, outcome.readings());
                    outcome.rejections().forEach(r -> metrics.rejected(source, r.reason().code()));
                    answer(ctx, HttpAnswers.of(outcome));
                });
            }
        });
    }

    private boolean authorized(RoutingContext ctx, String source, String secret) {
        String given = bearer(ctx);
        if (given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        refuse(ctx, source, "unauthorized", HttpAnswers.unauthorized(
                "send the source's secret as 'Authorization: Bearer <secret>' (docs/devices.md)"));
        return false;
    }

    private static String bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? h.substring(BEARER.length()).trim() : null;
    }

    private void refuse(RoutingContext ctx, String source, String cause, HttpAnswers answer) {
        metrics.refused(source, cause);
        answer(ctx, answer);
    }

    private void failed(RoutingContext ctx) {
        String source = ctx.request().path().startsWith("/chirpstack") ? CHIRPSTACK
                : ctx.request().path().startsWith("/tts") ? TTS : DEVICES;
        if (ctx.statusCode() == 413) {
            refuse(ctx, source, "too_large", HttpAnswers.tooLarge("the body is over " + BODY_LIMIT + " bytes"));
        } else {
            ctx.response().setStatusCode(ctx.statusCode() < 0 ? 500 : ctx.statusCode()).end();
        }
    }

    private static void answer(RoutingContext ctx, HttpAnswers a) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(a.status());
        if (a.status() == 503) {
            ctx.response().putHeader("Retry-After", Integer.toString(HttpAnswers.RETRY_AFTER_SECONDS));
        }
        if (a.body() == null) {
            ctx.response().end();
        } else {
            ctx.response().putHeader("Content-Type", "application/json").end(a.body().encode());
        }
    }
}
