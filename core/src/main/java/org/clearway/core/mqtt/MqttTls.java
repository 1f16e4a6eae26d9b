package org.clearway.core.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory of a service's MQTT client (issue 17): it trusts the CA certificates of one PEM file
 * ({@code CLEARWAY_MQTT_CA_FILE}) and nothing else. The host name is checked by the client (Paho's HTTPS host name
 * verification, which {@link PahoMqttSession} turns on). A file that cannot be read, or holds no certificate, stops
 * the service at start with the file's name.
 */
public final class MqttTls {
    private MqttTls() {
    }

    /** A socket factory that trusts exactly the certificates of {@code caFile}. */
    public static SSLSocketFactory trusting(Path caFile) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("CLEARWAY_MQTT_CA_FILE: cannot read CA certificates from " + caFile + ": "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("CLEARWAY_MQTT_CA_FILE: no certificate in " + caFile);
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS trusting " + caFile, e);
        }
    }
}
