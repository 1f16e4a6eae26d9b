package org.clearway.lab.ingest;

import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;

/** The one publisher every run uses, so that the runs differ only in who subscribes. */
final class BenchPublisher implements AutoCloseable {
    private static final int WINDOW = 1_000;
    private final PahoMqttSession session;

    BenchPublisher(String mqttUrl, String clientId) throws InterruptedException {
        session = new PahoMqttSession(MqttClientSettings.publisher(new MqttConfig(mqttUrl, "", "", ""), clientId, WINDOW));
        session.start();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!session.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Cannot connect to the broker at " + mqttUrl
                        + ": start one (mosquitto -c deploy/mosquitto/clearway.conf) or pass --mqtt-url");
            }
            Thread.sleep(20);
        }
    }

    void publish(BenchLoad load, int qos) {
        load.publish(session, qos, sent -> { });
    }

    @Override
    public void close() {
        session.close();
    }
}
