package org.clearway.launcher;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.clearway.api.app.ApiConfig;
import org.clearway.api.app.ApiService;
import org.clearway.core.config.Env;

/**
 * The dashboard API in the all-in-one run. Without {@code CLEARWAY_API_TOKENS} it makes one admin
 * token for the whole city, for this run only, and prints it (only its hash is configured).
 */
final class ApiRun implements AutoCloseable {
    private final ApiService service;
    private final int port;
    private final String generatedToken;

    private ApiRun(ApiService service, int port, String generatedToken) {
        this.service = service;
        this.port = port;
        this.generatedToken = generatedToken;
    }

    static ApiRun start(Map<String, String> environment, int apiPort, Vertx vertx, Clock clock) {
        Map<String, String> vars = new HashMap<>(environment);
        vars.putIfAbsent("CLEARWAY_API_PORT", Integer.toString(apiPort));
        vars.put("CLEARWAY_API_MIGRATE", "false"); // ingest migrated the schema already
        String token = null;
        if (vars.getOrDefault(ApiConfig.TOKENS, "").isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
            vars.put(ApiConfig.TOKENS, sha256(token) + "=admin:*");
        }
        ApiService service = new ApiService(ApiConfig.from(new Env(vars)), clock, vertx);
        int port = service.start();
        return new ApiRun(service, port, token);
    }

    int port() {
        return port;
    }

    String describe() {
        String base = "http://localhost:" + port + "/ (OpenAPI at /openapi.yaml)";
        return generatedToken == null ? base
                : base + "\n                  API token       " + generatedToken + "  (admin, whole city, this run only:"
                        + " curl -H 'Authorization: Bearer " + generatedToken + "' localhost:" + port + "/zones)";
    }

    @Override
    public void close() {
        service.close();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
