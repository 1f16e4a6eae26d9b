package org.clearway.api.driver;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.resources.Db;

/** Stores the photos the driver app uploads (V22 {@code stop_photos}), each tied to a job of the truck that took it. */
final class PhotoStore {
    /** The job's bin, when the job is the truck's: assigned to it now, or moved by it (its events' actor). */
    static final String JOB_OF_TRUCK = """
            SELECT j.bin_id FROM jobs j
             WHERE j.id = ? AND (j.truck_id = ? OR EXISTS (SELECT 1 FROM job_events e WHERE e.job_id = j.id AND e.actor = ?))""";
    static final String INSERT = """
            INSERT INTO stop_photos (truck_id, photo_key, job_id, bin_id, kind, content_type, size_bytes, sha256, image,
                                     taken_at, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (truck_id, photo_key) DO NOTHING
            RETURNING id""";
    static final String EXISTING = "SELECT id, job_id, sha256 FROM stop_photos WHERE truck_id = ? AND photo_key = ?";

    /** What the truck sent, checked by {@link PhotoUploads}. */
    record Photo(String truckId, String photoKey, long jobId, String kind, String contentType, byte[] image,
                 String sha256, Instant takenAt) {
    }

    private final DataSource dataSource;

    PhotoStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores it once: a resend of the same photo answers with the stored one ({@code duplicate} true). */
    JsonObject store(Photo photo, Instant receivedAt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<String> bin = Db.query(c, JOB_OF_TRUCK, List.of(photo.jobId(), photo.truckId(), photo.truckId()),
                    rs -> rs.getString(1));
            if (bin.isEmpty()) {
                throw ApiException.notFound("job " + photo.jobId() + " of truck " + photo.truckId());
            }
            List<Long> inserted = Db.query(c, INSERT, List.of(photo.truckId(), photo.photoKey(), photo.jobId(),
                    bin.getFirst(), photo.kind(), photo.contentType(), photo.image().length, photo.sha256(), photo.image(),
                    photo.takenAt(), receivedAt), rs -> rs.getLong(1));
            if (!inserted.isEmpty()) {
                return answer(inserted.getFirst(), photo, false);
            }
            List<JsonObject> existing = Db.query(c, EXISTING, List.of(photo.truckId(), photo.photoKey()),
                    rs -> new JsonObject().put("id", rs.getLong(1)).put("jobId", rs.getLong(2)).put("sha256", rs.getString(3)));
            JsonObject stored = existing.getFirst();
            if (stored.getLong("jobId") != photo.jobId() || !stored.getString("sha256").equals(photo.sha256())) {
                throw ApiException.conflict("photo_id_reused",
                        "this truck already sent another photo with id " + photo.photoKey());
            }
            return answer(stored.getLong("id"), photo, true);
        }
    }

    private static JsonObject answer(long id, Photo photo, boolean duplicate) {
        return new JsonObject().put("id", id).put("jobId", photo.jobId()).put("truckId", photo.truckId())
                .put("kind", photo.kind()).put("sizeBytes", photo.image().length).put("duplicate", duplicate);
    }
}
