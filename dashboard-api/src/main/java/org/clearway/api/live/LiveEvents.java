package org.clearway.api.live;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.ApiMetrics;
import org.clearway.api.resources.ChangeFeed;
import org.clearway.api.resources.FeedCursor;
import org.clearway.api.security.Principal;

/**
 * {@code GET /events}: opens a server-sent event stream of the token's zone, from the Last-Event-ID the client sends
 * (header, or the {@code lastEventId} query parameter) or from now, within the per-token and total stream limits.
 */
public final class LiveEvents {
    /** The streams' timing: poll and heartbeat intervals, how long a job event id gap is waited for. */
    public record Settings(Duration poll, Duration heartbeat, Duration gapWait) {
    }

    private final Vertx vertx;
    private final ChangeFeed feed;
    private final StreamLimits limits;
    private final Settings settings;
    private final ApiMetrics metrics;
    private final Clock clock;

    public LiveEvents(Vertx vertx, ChangeFeed feed, StreamLimits limits, Settings settings, ApiMetrics metrics,
                      Clock clock) {
        this.vertx = vertx;
        this.feed = feed;
        this.limits = limits;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        metrics.sseClients(limits::open);
    }

    public void open(RoutingContext ctx, Principal principal) {
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && !accept.contains("text/event-stream") && !accept.contains("text/*") && !accept.contains("*/*")) {
            throw new ApiException(406, "not_acceptable", "this is a server-sent event stream: send Accept: text/event-stream");
        }
        String last = ctx.request().getHeader("Last-Event-ID");
        if (last == null || last.isBlank()) {
            last = ctx.request().getParam("lastEventId");
        }
        FeedCursor resume = last == null || last.isBlank() ? null : FeedCursor.parse(last);
        if (!limits.tryAcquire(principal.tokenId())) {
            metrics.sseRefused();
            ctx.put(ApiMetrics.NOT_RATE_LIMIT, true);
            throw new ApiException(429, "too_many_streams",
                    "too many event streams are open for this token or in all; close one and retry");
        }
        var started = resume == null ? vertx.executeBlocking(feed::now, false)
                : io.vertx.core.Future.succeededFuture(resume);
        started.onComplete(r -> {
            if (r.failed()) {
                limits.release(principal.tokenId());
                ctx.fail(r.cause());
                return;
            }
            new EventStream(vertx, feed, principal, new FeedState(r.result(), settings.gapWait()), ctx.response(),
                    settings, metrics, clock, () -> limits.release(principal.tokenId())).start();
        });
    }
}
