package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.imageio.ImageIO;
import org.clearway.api.security.TokenRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a driver's photo at a stop reaches the API with the truck's photo key (POST /driver/photos), is stored in
 * PostgreSQL tied to the job and the truck, once, and only a dispatcher of the bin's zone sees it (GET
 * /bins/{id}/photos, GET /photos/{photoId}). Against the real database.
 */
class DriverPhotosIT {
    static final int MAX_BYTES = 64 * 1024;
    static ApiHarness api;
    static OperationsFixture fixture;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("driver_photos", Clock.systemUTC(), OperationsFixture.env(Map.of(
                "CLEARWAY_DRIVER_PHOTO_KEYS", TokenRegistry.sha256("t1-photo-key") + "=t1,"
                        + TokenRegistry.sha256("t2-photo-key") + "=t2",
                "CLEARWAY_DRIVER_PHOTO_MAX_BYTES", Integer.toString(MAX_BYTES))));
        fixture = OperationsFixture.seed(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aTrucksPhotoOfItsJobIsStoredOnceAndShownToTheDispatchersOfItsZoneOnly() throws Exception {
        long job = fixture.jobs.get("collected"); // b1 of community c1, truck t1
        byte[] jpeg = jpeg(Color.ORANGE);
        Instant taken = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        var first = upload("t1-photo-key", "image/jpeg", jpeg, "job=" + job + "&kind=collected&photo=t1-a1&takenAt=" + taken);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonObject stored = new JsonObject(first.body());
        assertThat(stored.getLong("jobId")).isEqualTo(job);
        assertThat(stored.getString("truckId")).isEqualTo("t1");
        assertThat(stored.getBoolean("duplicate")).isFalse();

        var again = upload("t1-photo-key", "image/jpeg", jpeg, "job=" + job + "&kind=collected&photo=t1-a1&takenAt=" + taken);
        assertThat(again.statusCode()).as("a resend from the device's queue").isEqualTo(200);
        assertThat(new JsonObject(again.body()).getLong("id")).isEqualTo(stored.getLong("id"));
        assertThat(new JsonObject(again.body()).getBoolean("duplicate")).isTrue();
        var reused = upload("t1-photo-key", "image/jpeg", jpeg(Color.BLUE), "job=" + job + "&kind=collected&photo=t1-a1&takenAt=" + taken);
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(count("SELECT count(*) FROM stop_photos WHERE truck_id = 't1' AND photo_key = 't1-a1'")).isEqualTo(1);
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT job_id, bin_id, kind, content_type, size_bytes, taken_at, image FROM stop_photos WHERE id = ?")) {
            ps.setLong(1, stored.getLong("id"));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("job_id")).isEqualTo(job);
                assertThat(rs.getString("bin_id")).isEqualTo("b1");
                assertThat(rs.getString("kind")).isEqualTo("collected");
                assertThat(rs.getString("content_type")).isEqualTo("image/jpeg");
                assertThat(rs.getInt("size_bytes")).isEqualTo(jpeg.length);
                assertThat(rs.getObject("taken_at", java.time.OffsetDateTime.class).toInstant()).isEqualTo(taken);
                assertThat(rs.getBytes("image")).isEqualTo(jpeg);
            }
        }

        var list = api.get("dispatcher-s1", "/bins/b1/photos");
        assertThat(list.status()).isEqualTo(200);
        JsonArray items = list.json().getJsonArray("items");
        assertThat(items).hasSize(1);
        assertThat(items.getJsonObject(0).getLong("jobId")).isEqualTo(job);
        assertThat(items.getJsonObject(0).getString("kind")).isEqualTo("collected");
        var image = bytes("dispatcher-s1", "/photos/" + stored.getLong("id"));
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(image.body()).isEqualTo(jpeg);

        assertThat(api.get("dispatcher-c3", "/bins/b1/photos").status()).as("another district's dispatcher").isEqualTo(404);
        assertThat(bytes("dispatcher-c3", "/photos/" + stored.getLong("id")).statusCode()).isEqualTo(404);
        assertThat(api.get("viewer-c1", "/bins/b1/photos").status()).as("a viewer of the zone").isEqualTo(403);
        assertThat(bytes("viewer-c1", "/photos/" + stored.getLong("id")).statusCode()).isEqualTo(403);
        assertThat(bytes("t1-photo-key", "/photos/" + stored.getLong("id")).statusCode()).as("a photo key is no API token")
                .isEqualTo(401);
    }

    @Test
    void anotherZonesPhotoStaysInThatZone() throws Exception {
        long job = fixture.jobs.get("planned"); // b4 of community c3, truck t2
        var stored = upload("t2-photo-key", "image/png", png(), "job=" + job + "&kind=damaged&photo=t2-b1&takenAt="
                + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        long id = new JsonObject(stored.body()).getLong("id");
        assertThat(api.get("dispatcher-c3", "/bins/b4/photos").json().getJsonArray("items")).hasSize(1);
        assertThat(bytes("dispatcher-c3", "/photos/" + id).headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(api.get("dispatcher-s1", "/bins/b4/photos").status()).isEqualTo(404);
        assertThat(bytes("dispatcher-s1", "/photos/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void uploadsWithoutTheTrucksKeyOrNotAPhotoOfItsJobAreRefusedWithAReason() throws Exception {
        long t1Job = fixture.jobs.get("dispatched");
        byte[] jpeg = jpeg(Color.GREEN);
        String query = "job=" + t1Job + "&kind=skipped&photo=p-x&takenAt=" + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertRefused(upload(null, "image/jpeg", jpeg, query), 401, "unauthorized");
        assertRefused(upload("not-a-key", "image/jpeg", jpeg, query), 401, "unauthorized");
        assertRefused(upload("viewer-city", "image/jpeg", jpeg, query), 401, "unauthorized");
        assertRefused(upload("t2-photo-key", "image/jpeg", jpeg, query), 404, "not_found");
        assertRefused(upload("t1-photo-key", "text/plain", jpeg, query), 415, "unsupported_media_type");
        assertRefused(upload("t1-photo-key", "image/jpeg", png(), query), 415, "not_an_image");
        assertRefused(upload("t1-photo-key", "image/jpeg", new byte[MAX_BYTES + 1], query), 413, null);
        assertRefused(upload("t1-photo-key", "image/jpeg", jpeg, "job=" + t1Job + "&kind=lost&photo=p-x&takenAt=2026-01-01T00:00:00Z"),
                400, "invalid_request");
        assertRefused(upload("t1-photo-key", "image/jpeg", jpeg, "job=" + t1Job + "&kind=skipped&photo=p-x"), 400, "invalid_request");
        assertRefused(upload("t1-photo-key", "image/jpeg", jpeg, "job=" + t1Job + "&kind=skipped&photo=p-x&takenAt="
                + Instant.now().plus(Duration.ofHours(1))), 400, "in_the_future");
        assertThat(count("SELECT count(*) FROM stop_photos WHERE photo_key = 'p-x'")).isZero();
        assertThat(bytes("dispatcher-s1", "/metrics").statusCode()).isEqualTo(200);
        String metrics = new String(bytes("dispatcher-s1", "/metrics").body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(metrics).contains("clearway_api_driver_photos_total{outcome=\"unauthorized\",")
                .contains("clearway_api_driver_photos_total{outcome=\"not_an_image\",");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (code != null) {
            assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code")).isEqualTo(code);
        }
    }

    static HttpResponse<String> upload(String key, String type, byte[] body, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/driver/photos?" + query))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", type);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> bytes(String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static byte[] jpeg(Color color) throws IOException {
        return image(color, "jpg");
    }

    static byte[] png() throws IOException {
        return image(Color.RED, "png");
    }

    private static byte[] image(Color color, String format) throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
