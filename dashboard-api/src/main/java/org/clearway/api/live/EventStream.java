package org.clearway.api.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.util.List;
import org.clearway.api.http.ApiMetrics;
import org.clearway.api.resources.ChangeFeed;
import org.clearway.api.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open {@code text/event-stream} response: polls the change feed on a worker thread every poll interval (one
 * poll at a time), writes each change as an event whose id is the cursor after it, and a comment every heartbeat.
 * A client that does not read (the write queue is full) is disconnected: it resumes with Last-Event-ID, and the
 * server never buffers without bound. Closing, by either side, cancels the timers and frees the stream's slot.
 */
final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    static final int MAX_PER_POLL = 500;

    private final Vertx vertx;
    private final ChangeFeed feed;
    private final Principal principal;
    private final FeedState state;
    private final HttpServerResponse response;
    private final LiveEvents.Settings settings;
    private final ApiMetrics metrics;
    private final Clock clock;
    private final Runnable onClose;
    private long pollTimer = -1;
    private long heartbeatTimer = -1;
    private boolean polling;
    private boolean closed;

    EventStream(Vertx vertx, ChangeFeed feed, Principal principal, FeedState state, HttpServerResponse response,
                LiveEvents.Settings settings, ApiMetrics metrics, Clock clock, Runnable onClose) {
        this.vertx = vertx;
        this.feed = feed;
        this.principal = principal;
        this.state = state;
        this.response = response;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.onClose = onClose;
    }

    /** Sends the headers at once, then polls and beats until the connection closes. Call on the request's context. */
    void start() {
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> close());
        response.exceptionHandler(e -> close());
        response.write("retry: 2000\n: stream open at " + state.cursor().encode() + "\n\n");
        pollTimer = vertx.setPeriodic(settings.poll().toMillis(), id -> poll());
        heartbeatTimer = vertx.setPeriodic(settings.heartbeat().toMillis(), id -> write(": heartbeat\n\n"));
        poll();
    }

    private void poll() {
        if (polling || closed) {
            return;
        }
        polling = true;
        vertx.executeBlocking(() -> feed.poll(principal, state.cursor(), MAX_PER_POLL), false).onComplete(r -> {
            polling = false;
            if (closed) {
                return;
            }
            if (r.failed()) {
                // The database may be down for a moment: keep the connection and try at the next tick.
                LOG.warn("Event stream of token {} could not poll the database: {}", principal.tokenId(),
                        r.cause().toString());
                return;
            }
            List<FeedState.Event> events = state.apply(r.result(), clock.instant());
            StringBuilder out = new StringBuilder();
            for (FeedState.Event event : events) {
                out.append("id: ").append(event.id()).append('\n')
                        .append("event: ").append(event.type()).append('\n')
                        .append("data: ").append(event.data().encode()).append("\n\n");
                metrics.sseEvent(event.type());
            }
            if (!out.isEmpty()) {
                write(out.toString());
            }
        });
    }

    private void write(String text) {
        if (closed) {
            return;
        }
        if (response.writeQueueFull()) {
            LOG.info("Event stream of token {} closed: the client does not keep up (it may resume with Last-Event-ID)",
                    principal.tokenId());
            response.reset();
            close();
            return;
        }
        response.write(text);
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(heartbeatTimer);
        onClose.run();
    }
}
