package org.clearway.lab.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The warm-up sends its requests at the asked concurrency and counts none of them in what is measured. */
class HttpLoadTest {
    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/fail") ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void warmUpRequestsAreSentButNotMeasured() throws Exception {
        HttpLoad load = new HttpLoad("http://127.0.0.1:" + server.getAddress().getPort(), "t");
        assertThat(load.warm(i -> "/warm/" + i, Map.of(), 4, 40, Duration.ofSeconds(30))).isEqualTo(40);
        assertThat(paths).hasSize(40).allMatch(p -> p.startsWith("/warm/"));

        HttpLoad.Result measured = load.run("GET /x", i -> "/x/" + i, Map.of(), 4, 25, Duration.ofSeconds(30));
        assertThat(measured.requests()).isEqualTo(25);
        assertThat(measured.failures()).isZero();
        assertThat(measured.bytes()).isEqualTo(11);
        // The run's own two sequential requests first, then the 25 measured.
        assertThat(paths).hasSize(40 + 2 + 25);

        HttpLoad.Result failing = load.run("GET /fail", i -> "/fail/" + i, Map.of(), 2, 6, Duration.ofSeconds(30));
        assertThat(failing.failures()).isEqualTo(6);
        assertThat(load.warm(i -> "/none", Map.of(), 2, 0, Duration.ofSeconds(30))).isZero();
    }
}
