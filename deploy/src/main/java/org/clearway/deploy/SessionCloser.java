package org.clearway.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.clearway.core.mqtt.MqttTls;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Closes the open sessions of revoked devices on a Mosquitto broker (issue 17). Mosquitto's reload (SIGHUP) throws off
 * a client whose password is gone, but it does not check an open TLS connection's certificate against the new CRL,
 * and a client that lost its ACL entries stays connected. So, after the reload, this connects once with each revoked
 * device's client id on the services' listener, with a clean start and no session expiry, and disconnects: a broker
 * keeps one session per client id, and the MQTT specification (3.1.1 section 3.1.4, 5.0 section 3.1.4) has it close
 * the existing connection of that client id ("session taken over") and, with a clean start, discard its session. The
 * device's next connect then meets the reloaded CRL, password file and ACL. The account needs no topic at all.
 */
final class SessionCloser {
    private final String serverUri;
    private final String username;
    private final String password;
    private final Path caFile;

    /** @param caFile the CA of an {@code ssl://} broker's certificate, or null for the JVM's CAs */
    SessionCloser(String serverUri, String username, String password, Path caFile) {
        this.serverUri = serverUri;
        this.username = username;
        this.password = password;
        this.caFile = caFile;
    }

    /** Takes over and ends the session of each client id; returns the ids it could not (with the broker's reason). */
    List<String> close(Collection<String> clientIds) {
        List<String> failed = new ArrayList<>();
        for (String clientId : clientIds) {
            try {
                closeOne(clientId);
            } catch (MqttException e) {
                failed.add(clientId + " (" + e.getMessage() + ", reason " + e.getReasonCode() + ")");
            }
        }
        return failed;
    }

    private void closeOne(String clientId) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        if (!username.isEmpty()) {
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (serverUri.startsWith("ssl://")) {
            options.setHttpsHostnameVerificationEnabled(true);
            if (caFile != null) {
                options.setSocketFactory(MqttTls.trusting(caFile));
            }
        }
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        try {
            client.connect(options);
            client.disconnect();
        } finally {
            client.close(true);
        }
    }
}
