package org.clearway.core.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttTlsTest {
    @Test
    void theCaFileComesFromTheEnvironmentAndAppliesToTlsUris() {
        MqttConfig config = MqttConfig.from(new Env(Map.of("CLEARWAY_MQTT_URL", "ssl://mqtt.example:8883",
                "CLEARWAY_MQTT_CA_FILE", "/etc/clearway/ca.crt")));
        assertThat(config.caFile()).isEqualTo("/etc/clearway/ca.crt");
        assertThat(config.usesTls()).isTrue();
        assertThat(MqttConfig.from(new Env(Map.of())).usesTls()).isFalse();
        assertThat(MqttConfig.from(new Env(Map.of())).caFile()).isEmpty();
        assertThat(new MqttConfig("tcp://a:1883, wss://b:8443", "", "", "").usesTls()).isTrue();
    }

    @Test
    void aCaFileThatCannotBeReadOrHoldsNoCertificateStopsTheServiceWithItsName(@TempDir Path directory) throws Exception {
        assertThatThrownBy(() -> MqttTls.trusting(directory.resolve("missing.crt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLEARWAY_MQTT_CA_FILE")
                .hasMessageContaining("missing.crt");
        Path empty = Files.writeString(directory.resolve("empty.crt"), "not a certificate\n");
        assertThatThrownBy(() -> MqttTls.trusting(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLEARWAY_MQTT_CA_FILE");
        MqttClientSettings settings = MqttClientSettings.publisher(
                new MqttConfig("ssl://127.0.0.1:8883", "", "", "", empty.toString()), "tls-test", 10);
        assertThatThrownBy(() -> new PahoMqttSession(settings)).hasMessageContaining("empty.crt");
    }

    @Test
    void aClientCertificateNeedsItsKeyAndAReadableOne(@TempDir Path directory) throws Exception {
        assertThatThrownBy(() -> MqttConfig.from(new Env(Map.of("CLEARWAY_MQTT_CERT_FILE", "/etc/clearway/client.crt"))))
                .hasMessageContaining("CLEARWAY_MQTT_KEY_FILE");
        MqttConfig config = MqttConfig.from(new Env(Map.of("CLEARWAY_MQTT_URL", "ssl://mqtt.example:8883",
                "CLEARWAY_MQTT_CERT_FILE", "/c.crt", "CLEARWAY_MQTT_KEY_FILE", "/c.key")));
        assertThat(config.certFile()).isEqualTo("/c.crt");
        assertThat(config.customTls()).isTrue();
        Path notAKey = Files.writeString(directory.resolve("bad.key"), "not a key\n");
        assertThatThrownBy(() -> MqttTls.privateKey(notAKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLEARWAY_MQTT_KEY_FILE").hasMessageContaining("bad.key");
    }
}
