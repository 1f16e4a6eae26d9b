package org.clearway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the one-command run's broker has a TLS listener whose certificate comes from a local CA made on the first
 * start in the data folder and kept for the next: a client that trusts {@code ca.crt} connects over {@code ssl://}
 * (host name verified), plain MQTT on the TLS port and a client of another CA are refused, and a second start reuses
 * the same CA.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedBrokerTlsIT {

    private static SSLSocketFactory trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static void connect(String uri, SSLSocketFactory sockets) throws MqttException {
        MqttClient client = new MqttClient(uri, "tls-probe", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(5);
        options.setHttpsHostnameVerificationEnabled(true);
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        try {
            client.connect(options);
            client.disconnect();
        } finally {
            client.close(true);
        }
    }

    @Test
    void theLocalCaIsMadeOnceAndTheTlsListenerVerifiesWithIt(@TempDir Path data) throws Exception {
        LocalCa ca = LocalCa.ensure(data.resolve("tls"));
        String firstCa = Files.readString(ca.caCertificate());
        assertThat(Files.getPosixFilePermissions(data.resolve("tls/ca.p12")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        try (EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("broker"), 0, BrokerAccounts.anonymous(), ca, 0)) {
            connect(broker.tlsServerUri(), trusting(ca.caCertificate()));
            String plainOnTlsPort = broker.tlsServerUri().replace("ssl://", "tcp://");
            assertThatThrownBy(() -> connect(plainOnTlsPort, null)).as("plain MQTT on the TLS port")
                    .isInstanceOf(MqttException.class);
            LocalCa other = LocalCa.ensure(data.resolve("other"));
            assertThatThrownBy(() -> connect(broker.tlsServerUri(), trusting(other.caCertificate())))
                    .as("a client that trusts another CA").isInstanceOf(MqttException.class);
        }
        LocalCa again = LocalCa.ensure(data.resolve("tls"));
        assertThat(Files.readString(again.caCertificate())).as("kept for the next run").isEqualTo(firstCa);
        try (EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("broker"), 0, BrokerAccounts.anonymous(), again, 0)) {
            connect(broker.tlsServerUri(), trusting(again.caCertificate()));
        }
    }
}
