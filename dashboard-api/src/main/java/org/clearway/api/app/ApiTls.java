package org.clearway.api.app;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.clearway.core.config.Env;

/**
 * HTTPS for the dashboard API (issue 17), with Vert.x's own TLS:
 *
 * <ul>
 *   <li>{@code CLEARWAY_API_TLS_CERT}, {@code CLEARWAY_API_TLS_KEY}: PEM files of the server's certificate (its
 *       chain) and private key; both or neither. With them the API's port speaks HTTPS only: a plain HTTP request
 *       gets no answer (the TLS handshake fails and the connection is closed). Default: plain HTTP, for a reverse
 *       proxy or an Ingress that terminates TLS in front of it.</li>
 *   <li>{@code CLEARWAY_API_HSTS_MAX_AGE}: the {@code Strict-Transport-Security} max-age sent on every HTTPS
 *       response (with {@code includeSubDomains}), default {@code 365d}; {@code 0s} sends none.</li>
 * </ul>
 *
 * The API sets no cookies (bearer tokens only), so there is no cookie to mark secure.
 */
public record ApiTls(String certFile, String keyFile, Duration hstsMaxAge) {
    public static final String CERT = "CLEARWAY_API_TLS_CERT";
    public static final String KEY = "CLEARWAY_API_TLS_KEY";
    /** Plain HTTP. */
    public static final ApiTls NONE = new ApiTls("", "", Duration.ZERO);

    public static ApiTls from(Env env) {
        String cert = env.string(CERT, "");
        String key = env.string(KEY, "");
        if (cert.isEmpty() != key.isEmpty()) {
            throw new IllegalArgumentException("Set both " + CERT + " and " + KEY + " (PEM files) for HTTPS, or neither");
        }
        for (String file : new String[] {cert, key}) {
            if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
                throw new IllegalArgumentException((file.equals(cert) ? CERT : KEY) + ": cannot read " + file);
            }
        }
        return new ApiTls(cert, key, env.duration("CLEARWAY_API_HSTS_MAX_AGE", Duration.ofDays(365)));
    }

    public boolean enabled() {
        return !certFile.isEmpty();
    }

    /** The HTTP server's options: TLS with the PEM files when enabled. */
    public HttpServerOptions serverOptions() {
        HttpServerOptions options = new HttpServerOptions();
        if (enabled()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile));
        }
        return options;
    }

    /** The Strict-Transport-Security header's value, or null when none is sent. */
    public String hstsHeader() {
        return enabled() && !hstsMaxAge.isZero() ? "max-age=" + hstsMaxAge.toSeconds() + "; includeSubDomains" : null;
    }
}
