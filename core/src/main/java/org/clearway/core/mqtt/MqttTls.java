package org.clearway.core.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory of a service's MQTT client (issue 17): it trusts the CA certificates of one PEM file
 * ({@code CLEARWAY_MQTT_CA_FILE}) and nothing else, and presents the client certificate of
 * {@code CLEARWAY_MQTT_CERT_FILE} and {@code CLEARWAY_MQTT_KEY_FILE} when they are set. The host name is checked by the client (Paho's HTTPS host name
 * verification, which {@link PahoMqttSession} turns on). A file that cannot be read, or holds no certificate, stops
 * the service at start with the file's name.
 */
public final class MqttTls {
    private MqttTls() {
    }

    /** A socket factory that trusts exactly the certificates of {@code caFile}. */
    public static SSLSocketFactory trusting(Path caFile) {
        return socketFactory(caFile, null, null);
    }

    /**
     * A socket factory that trusts the certificates of {@code caFile} (the JVM's CAs when null) and presents the
     * client certificate of {@code certFile} (the certificate, then its chain) with the PKCS#8 key of {@code keyFile}
     * (none when null): a broker that asks for a client certificate gets that one.
     */
    public static SSLSocketFactory socketFactory(Path caFile, Path certFile, Path keyFile) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(caFile == null ? null : trustStore(caFile));
            KeyManagerFactory keys = null;
            if (certFile != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity(certFile, keyFile), IDENTITY_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS with " + caFile + ", " + certFile, e);
        }
    }

    private static final char[] IDENTITY_PASSWORD = "in-memory".toCharArray();

    private static KeyStore identity(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(certFile)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("CLEARWAY_MQTT_CERT_FILE: cannot read " + certFile + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("CLEARWAY_MQTT_CERT_FILE: no certificate in " + certFile);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", privateKey(keyFile), IDENTITY_PASSWORD, chain.toArray(Certificate[]::new));
        return store;
    }

    /** An unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}), EC or RSA. */
    static PrivateKey privateKey(Path keyFile) {
        String pem;
        try {
            pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("CLEARWAY_MQTT_KEY_FILE: cannot read " + keyFile + ": " + e.getMessage(), e);
        }
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("CLEARWAY_MQTT_KEY_FILE: no unencrypted PKCS#8 key in " + keyFile
                    + " (convert with: openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException("CLEARWAY_MQTT_KEY_FILE: " + keyFile + " holds no EC, RSA or Ed25519 key");
    }

    private static final Pattern PKCS8 = Pattern.compile(
            "-{5}BEGIN PRIVATE KEY-{5}([A-Za-z0-9+/=\\s]+)-{5}END PRIVATE KEY-{5}");

    private static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
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
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            trusted.setCertificateEntry("ca-" + i++, certificate);
        }
        return trusted;
    }
}
