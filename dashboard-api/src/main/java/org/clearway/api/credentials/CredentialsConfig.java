package org.clearway.api.credentials;

import java.nio.file.Path;
import java.time.Duration;
import org.clearway.core.config.Env;

/**
 * Device credentials' settings (issue 17), from the environment.
 *
 * <ul>
 *   <li>{@code CLEARWAY_DEVICE_CA_CERT}, {@code CLEARWAY_DEVICE_CA_KEY}: PEM files of the city's device CA (its
 *       certificate, and its private key unencrypted, PKCS#8 or traditional); both or neither; default none: the API
 *       issues passwords only and answers 409 {@code no_device_ca} to a certificate request</li>
 *   <li>{@code CLEARWAY_DEVICE_CERT_DAYS}: validity of a device certificate, default 825 days</li>
 *   <li>{@code CLEARWAY_DEVICE_CRL_DAYS}: validity of the CRL (its next update), default 365 days; the API signs it
 *       again at every revocation and, on its own, once less than half of it is left ({@link CrlRenewal})</li>
 *   <li>{@code CLEARWAY_DEVICE_CRL_CHECK_SECONDS}: how often the API checks whether the CRL is due, default 3600</li>
 *   <li>{@code CLEARWAY_DEVICE_PASSWORD_ITERATIONS}: PBKDF2 iterations of a password's hash, default 101 (as
 *       {@code mosquitto_passwd})</li>
 * </ul>
 */
public record CredentialsConfig(Path caCertificate, Path caKey, Duration certificateValidity, Duration crlValidity,
                                int passwordIterations, Duration crlCheck) {
    public static final String CA_CERT = "CLEARWAY_DEVICE_CA_CERT";
    public static final String CA_KEY = "CLEARWAY_DEVICE_CA_KEY";

    public CredentialsConfig {
        if ((caCertificate == null) != (caKey == null)) {
            throw new IllegalArgumentException("Set both " + CA_CERT + " and " + CA_KEY + ", or neither");
        }
    }

    public static CredentialsConfig from(Env env) {
        String cert = env.string(CA_CERT, "");
        String key = env.string(CA_KEY, "");
        return new CredentialsConfig(cert.isBlank() ? null : Path.of(cert), key.isBlank() ? null : Path.of(key),
                Duration.ofDays(env.integer("CLEARWAY_DEVICE_CERT_DAYS", 825, 1, 3650)),
                Duration.ofDays(env.integer("CLEARWAY_DEVICE_CRL_DAYS", 365, 1, 3650)),
                env.integer("CLEARWAY_DEVICE_PASSWORD_ITERATIONS", 101, 1, 10_000_000),
                Duration.ofSeconds(env.integer("CLEARWAY_DEVICE_CRL_CHECK_SECONDS", 3600, 1, 86_400)));
    }

    /** No device CA, default validity. */
    public static CredentialsConfig passwordsOnly() {
        return new CredentialsConfig(null, null, Duration.ofDays(825), Duration.ofDays(365), 101, Duration.ofHours(1));
    }

    /** The device CA, or null when none is configured. */
    public DeviceCa loadCa() {
        return caCertificate == null ? null : DeviceCa.load(caCertificate, caKey);
    }
}
