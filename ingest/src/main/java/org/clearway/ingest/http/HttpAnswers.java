package org.clearway.ingest.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;
import org.clearway.ingest.message.Reply;

/**
 * Every answer of the HTTP sources, in one place. A message is answered only after its commit: 200 when it held at
 * least one valid reading (stored now or before; bad readings of a batch listed, each kept); 4xx when all of it was
 * rejected and kept, with its reason: 413 {@code too_large}, 400 {@code not_json} / {@code not_utf8}, 429
 * {@code rate_limited} (parked whole, to be replayed: do not resend), 422 otherwise. Requests refused before they are
 * kept: 401 (no or wrong secret or token), 503 with Retry-After (busy, or no commit in time: resend).
 *
 * @param status the HTTP status
 * @param body   the JSON body
 */
public record HttpAnswers(int status, JsonObject body) {
    /** Seconds a caller waits before resending after a 503. */
    static final int RETRY_AFTER_SECONDS = 5;

    static HttpAnswers of(Reply.Outcome outcome) {
        JsonArray rejected = new JsonArray();
        for (Rejection r : outcome.rejections()) {
            JsonObject item = new JsonObject().put("reason", r.reason().code()).put("detail", r.detail());
            if (r.itemIndex() != Rejection.WHOLE_MESSAGE) {
                item.put("index", r.itemIndex());
            }
            rejected.add(item);
        }
        if (outcome.readings() > 0 || outcome.rejections().isEmpty()) {
            JsonObject body = new JsonObject().put("status", "stored").put("readings", outcome.readings());
            return new HttpAnswers(200, rejected.isEmpty() ? body : body.put("rejected", rejected));
        }
        Rejection first = outcome.rejections().getFirst();
        return new HttpAnswers(status(first.reason()), new JsonObject().put("status", "rejected")
                .put("reason", first.reason().code()).put("detail", first.detail()).put("rejected", rejected)
                .put("kept", true));
    }

    private static int status(RejectReason reason) {
        return switch (reason) {
            case TOO_LARGE -> 413;
            case NOT_JSON, NOT_UTF8 -> 400;
            case RATE_LIMITED -> 429;
            default -> 422;
        };
    }

    static HttpAnswers unauthorized(String detail) {
        return refused(401, "unauthorized", detail);
    }

    static HttpAnswers busy(String detail) {
        return refused(503, "busy", detail);
    }

    static HttpAnswers badRequest(String detail) {
        return refused(400, "bad_request", detail);
    }

    static HttpAnswers tooLarge(String detail) {
        return refused(413, "too_large", detail);
    }

    static HttpAnswers ignored() {
        return new HttpAnswers(204, null);
    }

    private static HttpAnswers refused(int status, String reason, String detail) {
        return new HttpAnswers(status, new JsonObject().put("status", "refused").put("reason", reason)
                .put("detail", detail).put("kept", false));
    }
}
