package org.clearway.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * What the NGSI-LD tests add to {@link ApiHarness}'s city: b1 gets a device, an emptying and an open job; b4 a
 * temperature, an unplanned emptying and a live tilt alarm; b5 (c3, kitchen) is 90 % full.
 */
final class NgsiFixture {
    static final String DEVICE = "a84041000181c5d1";
    static final Instant EMPTIED = ApiHarness.BASE.minus(Duration.ofHours(20));
    static final Instant DUE = ApiHarness.BASE.plus(Duration.ofHours(30));
    static final Instant B4_EMPTIED = ApiHarness.BASE.minus(Duration.ofHours(3));

    private NgsiFixture() {
    }

    static void seed(ApiHarness api) throws SQLException {
        Instant t = ApiHarness.BASE;
        api.sql("INSERT INTO devices (id, model, source) VALUES (?, 'dragino-ldds75', 'chirpstack')", DEVICE);
        api.sql("INSERT INTO device_assignments (device_id, bin_id, valid_from) VALUES (?, 'b1', ?)", DEVICE,
                t.minus(Duration.ofDays(3)));
        long done = OperationsFixture.id(api, "INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at,"
                + " updated_at) VALUES ('b1', 'threshold', 'normal', 'verified', ?, ?, ?) RETURNING id",
                EMPTIED, EMPTIED.minus(Duration.ofHours(2)), EMPTIED);
        api.sql("INSERT INTO collections (job_id, bin_id, stream, zone_id, collected_at) VALUES (?, 'b1', 'residual', 'c1', ?)",
                done, EMPTIED);
        api.sql("INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at, updated_at)"
                + " VALUES ('b1', 'threshold', 'normal', 'open', ?, ?, ?)", DUE, t, t);
        api.sql("UPDATE bin_state SET temp_c = 21.5 WHERE bin_id = 'b4'");
        api.sql("INSERT INTO unplanned_emptyings (bin_id, at, from_pct, to_pct) VALUES ('b4', ?, 80, 5)", B4_EMPTIED);
        api.sql("INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at) VALUES ('b4', 'tilt', 'sensor', ?, ?)",
                t, t);
        api.sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES"
                + " ('b5', 'c3', 'kitchen', 120, 800, 30.01, 120.01)");
        api.sql("INSERT INTO bin_state (bin_id, measured_at, received_at, fill_pct, last_seen_at) VALUES ('b5', ?, ?, 90, ?)",
                t, t, t);
    }

    /** A query value percent-encoded (q, georel and coordinates hold > " ; [ ]). */
    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
