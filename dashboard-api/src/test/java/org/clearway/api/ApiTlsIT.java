package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.clearway.api.app.ApiConfig;
import org.clearway.api.app.ApiService;
import org.clearway.api.app.ApiTls;
import org.clearway.core.config.Env;
import org.clearway.testsupport.TestCa;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: with {@code CLEARWAY_API_TLS_CERT} and {@code CLEARWAY_API_TLS_KEY} (a certificate of a CA made in the
 * test) the API speaks HTTPS with HSTS on every answer, refuses plain HTTP on its port, and a client that does not
 * trust the CA refuses it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ApiTlsIT {
    private static final Vertx VERTX = Vertx.vertx();
    private static TestSchema schema;
    private static ApiService service;
    private static TestCa ca;
    private static int port;

    @BeforeAll
    static void start(@TempDir Path directory) {
        schema = TestSchema.create("api_tls");
        ca = TestCa.create("Clearway test API CA");
        ca.server("api").write(directory.resolve("api.crt"), directory.resolve("api.key"));
        var db = TestInfrastructure.database();
        Map<String, String> env = new HashMap<>(Map.of("CLEARWAY_DB_URL", schema.jdbcUrl(), "CLEARWAY_DB_USER", db.user(),
                "CLEARWAY_DB_PASSWORD", db.password() == null ? "" : db.password(), "CLEARWAY_API_HOST", "127.0.0.1",
                "CLEARWAY_API_PORT", "0", "CLEARWAY_API_TOKENS", ApiHarness.tokenSpec(),
                ApiTls.CERT, directory.resolve("api.crt").toString(), ApiTls.KEY, directory.resolve("api.key").toString()));
        service = new ApiService(ApiConfig.from(new Env(env)), ApiTls.from(new Env(env)), Clock.systemUTC(), VERTX);
        port = service.start();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        VERTX.close().await();
        if (schema != null) {
            schema.close();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String uri, String token) throws Exception {
        // generous: a TLS handshake under a CI load average of 25 once took over 10 s
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpsAnswersWithHstsOnEveryResponse() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ca.clientContext(null)).build();
        HttpResponse<String> health = get(client, "https://127.0.0.1:" + port + "/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
        HttpResponse<String> refused = get(client, "https://127.0.0.1:" + port + "/bins", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(refused.headers().firstValue("Set-Cookie")).as("no cookies").isEmpty();
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoAnswer() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> get(client, "http://127.0.0.1:" + port + "/health", null)).isInstanceOf(IOException.class);
    }

    @Test
    void aClientThatDoesNotTrustTheCaRefusesTheServer() {
        HttpClient client = HttpClient.newBuilder().sslContext(TestCa.create("Another CA").clientContext(null)).build();
        assertThatThrownBy(() -> get(client, "https://127.0.0.1:" + port + "/health", null))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aCertificateWithoutItsKeyIsAConfigurationError() {
        assertThatThrownBy(() -> ApiTls.from(new Env(Map.of(ApiTls.CERT, "/etc/clearway/api.crt"))))
                .hasMessageContaining(ApiTls.KEY);
        assertThat(ApiTls.from(new Env(Map.of())).enabled()).isFalse();
    }
}
