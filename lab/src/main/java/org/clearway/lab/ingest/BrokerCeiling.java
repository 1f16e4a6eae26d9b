package org.clearway.lab.ingest;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.core.mqtt.TopicFilters;

/** The broker alone: the same load to a plain subscriber (same QoS, same shared subscription) that only counts. */
final class BrokerCeiling {
    private final String mqttUrl;
    private final int qos;
    private final int receiveMaximum;

    BrokerCeiling(String mqttUrl, int qos, int receiveMaximum) {
        this.mqttUrl = mqttUrl;
        this.qos = qos;
        this.receiveMaximum = receiveMaximum;
    }

    /** Readings per second from the first publish to the last message received. */
    double measure(BenchLoad load, String label) throws InterruptedException {
        String id = "bench-count-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicLong received = new AtomicLong();
        AtomicLong lastAt = new AtomicLong();
        MqttClientSettings settings = new MqttClientSettings(new MqttConfig(mqttUrl, "", "", ""), id, true,
                Duration.ZERO, receiveMaximum, false, 1, Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        try (PahoMqttSession counter = new PahoMqttSession(settings)) {
            counter.subscribe(TopicFilters.shared(id, load.prefix() + "bins/+/telemetry"), qos, m -> {
                received.incrementAndGet();
                lastAt.set(System.nanoTime());
            });
            counter.start();
            while (!counter.isConnected()) {
                Thread.sleep(20);
            }
            Thread.sleep(500); // the subscription is sent from the connect callback
            try (BenchPublisher publisher = new BenchPublisher(mqttUrl, id + "-pub")) {
                long start = System.nanoTime();
                publisher.publish(load, qos);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.get() < load.messages() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                double seconds = (lastAt.get() - start) / 1e9;
                long readings = Math.min(received.get(), load.messages()) * (long) load.perMessage();
                System.out.printf("  broker alone, %s: %,d of %,d messages in %.2f s%n", label, received.get(),
                        load.messages(), seconds);
                return Math.min(readings, load.readings()) / seconds;
            }
        }
    }
}
