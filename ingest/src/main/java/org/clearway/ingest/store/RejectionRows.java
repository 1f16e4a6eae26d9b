package org.clearway.ingest.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearway.core.contract.Rejection;
import org.clearway.core.mqtt.InboundMessage;

/**
 * The rejections of a batch as column arrays, bound to {@link TelemetryStore#INSERT_REJECTIONS}. A
 * message that repeats within the batch (QoS 1 redelivery: same topic, payload, position and reason) becomes one
 * row with a count, since one statement may not update the same row twice; the same payload rejected for two
 * reasons (say parked as {@code rate_limited} once over the ceiling) is two rows.
 */
final class RejectionRows {
    private record Key(String topic, String sha, int itemIndex, String reason) {
    }

    private record Row(InboundMessage message, String binId, Rejection rejection, String sha, int occurrences) {
    }

    private final Map<Key, Row> rows = new LinkedHashMap<>();
    private final List<Rejection> all = new ArrayList<>();

    void add(InboundMessage message, String binId, Rejection rejection) {
        all.add(rejection);
        String sha = sha256(message.payload());
        rows.merge(new Key(message.topic(), sha, rejection.itemIndex(), rejection.reason().code()),
                new Row(message, binId, rejection, sha, 1),
                (a, b) -> new Row(a.message(), a.binId(), a.rejection(), a.sha(), a.occurrences() + 1));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    List<Rejection> rejections() {
        return all;
    }

    void bind(Connection c, PreparedStatement ps) throws SQLException {
        int n = rows.size();
        Object[] received = new Object[n];
        Object[] occurrences = new Object[n];
        Object[] topic = new Object[n];
        Object[] bin = new Object[n];
        Object[] item = new Object[n];
        Object[] reason = new Object[n];
        Object[] detail = new Object[n];
        Object[] sha = new Object[n];
        Object[] payload = new Object[n];
        int i = 0;
        for (Row r : rows.values()) {
            received[i] = r.message().receivedAt().toString();
            occurrences[i] = r.occurrences();
            topic[i] = clean(r.message().topic());
            bin[i] = r.binId();
            item[i] = r.rejection().itemIndex();
            reason[i] = r.rejection().reason().code();
            detail[i] = clean(r.rejection().detail());
            sha[i] = r.sha();
            payload[i] = Base64.getEncoder().encodeToString(r.rejection().payload());
            i++;
        }
        ps.setArray(1, c.createArrayOf("text", received));
        ps.setArray(2, c.createArrayOf("int4", occurrences));
        ps.setArray(3, c.createArrayOf("text", topic));
        ps.setArray(4, c.createArrayOf("text", bin));
        ps.setArray(5, c.createArrayOf("int4", item));
        ps.setArray(6, c.createArrayOf("text", reason));
        ps.setArray(7, c.createArrayOf("text", detail));
        ps.setArray(8, c.createArrayOf("text", sha));
        ps.setArray(9, c.createArrayOf("text", payload));
    }

    /** PostgreSQL text cannot hold NUL; a topic or detail quoting bad input may. */
    private static String clean(String s) {
        return s.replace('\0', '\uFFFD');
    }

    private static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
