package org.clearway.api.driver;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.ApiMetrics;
import org.clearway.core.time.DbClock;

/**
 * {@code POST /driver/photos}: a photo the driver took at a stop (docs/driver.md#photos). The truck proves who it is with
 * its photo key as a bearer token ({@link PhotoKeys}); the body is the image itself, at most
 * {@code CLEARWAY_DRIVER_PHOTO_MAX_BYTES}, JPEG, PNG or WebP by its Content-Type and by its first bytes; the query names
 * the job, the kind ({@code collected}, {@code skipped}, {@code damaged}), the device's id for the photo and when it was
 * taken. The photo is stored only for a job of that truck, once per id. Every refusal is counted with its code.
 */
final class PhotoUploads {
    static final String PATH = "/driver/photos";
    private static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    private static final Pattern PHOTO_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final Pattern KINDS = Pattern.compile("^(collected|skipped|damaged)$");
    private static final Map<String, byte[]> MAGIC = Map.of(
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
            "image/webp", new byte[] {'R', 'I', 'F', 'F'});
    private static final String TRUCK = "clearway.driver.truck";

    private final DriverConfig config;
    private final PhotoStore store;
    private final Clock clock;
    private final ApiMetrics metrics;

    PhotoUploads(DriverConfig config, PhotoStore store, Clock clock, ApiMetrics metrics) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    void mount(Router root, io.vertx.core.Handler<RoutingContext> headers) {
        // The key is checked before the body is read: a caller without one never gets to send megabytes.
        root.post(PATH).handler(headers).handler(this::authenticate);
        root.post(PATH).handler(BodyHandler.create(false).setBodyLimit(config.photoMaxBytes()));
        root.post(PATH).handler(this::upload);
    }

    private void authenticate(RoutingContext ctx) {
        if (!config.photoKeys().enabled()) {
            refuse(ctx, new ApiException(404, "photos_off", "photo uploads are not configured (CLEARWAY_DRIVER_PHOTO_KEYS)"));
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        String key = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        var truck = config.photoKeys().truck(key, ctx.request().getParam("truck"));
        if (truck.isEmpty()) {
            refuse(ctx, new ApiException(401, "unauthorized", "a truck's photo key is needed as the bearer token"));
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,12}") && Long.parseLong(length) > config.photoMaxBytes()) {
            refuse(ctx, new ApiException(413, "too_large", "a photo is at most " + config.photoMaxBytes() + " bytes"));
            return;
        }
        ctx.put(TRUCK, truck.get());
        ctx.next();
    }

    private void upload(RoutingContext ctx) {
        PhotoStore.Photo photo;
        try {
            photo = read(ctx, ctx.get(TRUCK));
        } catch (ApiException e) {
            refuse(ctx, e);
            return;
        }
        Instant now = DbClock.truncate(clock.instant());
        Vertx.currentContext().owner().executeBlocking(() -> store.store(photo, now), false).onComplete(r -> {
            if (r.failed()) {
                metrics.photo(r.cause() instanceof ApiException e ? e.code() : "error");
                ctx.fail(r.cause());
                return;
            }
            boolean duplicate = r.result().getBoolean("duplicate");
            metrics.photo(duplicate ? "duplicate" : "stored");
            ctx.response().setStatusCode(duplicate ? 200 : 201).putHeader("Content-Type", "application/json")
                    .end(r.result().encode());
        });
    }

    private PhotoStore.Photo read(RoutingContext ctx, String truck) {
        String type = ctx.request().getHeader("Content-Type");
        String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        byte[] magic = MAGIC.get(mediaType);
        if (magic == null) {
            throw new ApiException(415, "unsupported_media_type", "send the photo as image/jpeg, image/png or image/webp");
        }
        Buffer body = ctx.body().buffer();
        byte[] image = body == null ? new byte[0] : body.getBytes();
        if (image.length == 0) {
            throw ApiException.badRequest("empty_photo", "the body holds no photo");
        }
        if (!startsWith(image, magic) || mediaType.equals("image/webp") && !webp(image)) {
            throw new ApiException(415, "not_an_image", "the body is not a " + mediaType + " image");
        }
        String photoId = param(ctx, "photo");
        if (!PHOTO_ID.matcher(photoId).matches()) {
            throw ApiException.badRequest("invalid_request", "photo: 1-64 of A-Z a-z 0-9 _ -");
        }
        String kind = param(ctx, "kind");
        if (!KINDS.matcher(kind).matches()) {
            throw ApiException.badRequest("invalid_request", "kind: collected, skipped or damaged");
        }
        long job;
        try {
            job = Long.parseLong(param(ctx, "job"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_request", "job: a job id");
        }
        Instant takenAt;
        try {
            takenAt = DbClock.truncate(java.time.OffsetDateTime.parse(param(ctx, "takenAt")).toInstant());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_request", "takenAt: an RFC 3339 time with an offset");
        }
        if (takenAt.isAfter(clock.instant().plus(MAX_AHEAD))) {
            throw ApiException.badRequest("in_the_future", "takenAt is more than 5 minutes ahead of the server's clock");
        }
        return new PhotoStore.Photo(truck, photoId, job, kind, mediaType, image, sha256(image), takenAt);
    }

    private static String param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("invalid_request", "the query parameter " + name + " is missing");
        }
        return value.trim();
    }

    private void refuse(RoutingContext ctx, ApiException error) {
        metrics.photo(error.code());
        ctx.fail(error);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && java.util.Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean webp(byte[] data) {
        return data.length >= 12 && data[8] == 'W' && data[9] == 'E' && data[10] == 'B' && data[11] == 'P';
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
