package org.clearway.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The {@link IngestHarness} for test packages other than this one. */
public final class IngestTestAccess implements AutoCloseable {
    private final IngestHarness harness;

    private IngestTestAccess(IngestHarness harness) {
        this.harness = harness;
    }

    public static IngestTestAccess start(String name, Clock clock, Map<String, String> env) throws Exception {
        return new IngestTestAccess(new IngestHarness(name, clock, env).start());
    }

    public void registerBin(String id, int depthMm, int offsetMm) throws SQLException {
        harness.registerBin(id, depthMm, offsetMm);
    }

    public String topic(String binId) {
        return harness.topic(binId);
    }

    public String prefix() {
        return harness.prefix;
    }

    public String brokerUri() {
        return harness.brokerUri;
    }

    public String clientId() {
        return harness.clientId;
    }

    public long countQuietly(String sql) {
        try {
            return harness.count(sql);
        } catch (SQLException e) {
            return -1;
        }
    }

    public boolean healthy() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + harness.service.httpPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        IngestHarness.await(what, timeout, condition);
    }

    @Override
    public void close() {
        harness.close();
    }
}
