package org.clearway.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {
    private static final String SHARED_FILTER = "$share/g/bins/+/telemetry";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(null, 0, BrokerAccounts.anonymous());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
            assertThat(broker.dataDirectory()).doesNotExist();
        }
    }

    @Test
    void listensOnLoopbackAtTheChosenPort() {
        assertThat(broker.port()).isPositive();
        assertThat(broker.serverUri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
    }

    @Test
    void sharedSubscriptionOfAPersistentSessionGetsWhatWasPublishedWhileItWasOffline() throws Exception {
        try (MqttTestClient publisher = MqttTestClient.clean(broker.serverUri(), "sensor-shared")) {
            try (MqttTestClient subscriber = MqttTestClient.persistent(broker.serverUri(), "ingest-shared")) {
                subscriber.subscribe(SHARED_FILTER, 1);
                publisher.publish("bins/b-1/telemetry", "online", 1);
                assertThat(subscriber.awaitDistinct(1, WAIT)).containsExactly("online");
                subscriber.disconnect();
            }

            List<String> sent = publishNumbered(publisher, 500);

            try (MqttTestClient resumed = MqttTestClient.persistent(broker.serverUri(), "ingest-shared")) {
                assertThat(resumed.awaitDistinct(sent.size(), WAIT)).containsExactlyInAnyOrderElementsOf(sent);
            }
        }
    }

    /** Fails with HiveMQ's default queue of 1,000 messages per client or shared group (checked). */
    @Test
    void sharedGroupQueuesMoreThanHiveMqsDefaultOfAThousand() throws Exception {
        try (MqttTestClient publisher = MqttTestClient.clean(broker.serverUri(), "sensor-backlog")) {
            try (MqttTestClient subscriber = MqttTestClient.persistent(broker.serverUri(), "ingest-backlog")) {
                subscriber.subscribe("$share/backlog/backlog/bins/+/telemetry", 1);
                subscriber.disconnect();
            }

            List<String> sent = publishNumbered(publisher, "backlog/bins/b-%d/telemetry", 1_500);

            try (MqttTestClient resumed = MqttTestClient.persistent(broker.serverUri(), "ingest-backlog")) {
                assertThat(resumed.awaitDistinct(sent.size(), WAIT)).containsExactlyInAnyOrderElementsOf(sent);
            }
        }
    }

    @Test
    void keptDataDirectoryKeepsSessionsAndQueuedMessagesAcrossARestart(@TempDir Path parent) throws Exception {
        Path dataDirectory = parent.resolve("hivemq");
        List<String> sent;
        try (EmbeddedBroker first = EmbeddedBroker.start(dataDirectory, 0, BrokerAccounts.anonymous())) {
            try (MqttTestClient subscriber = MqttTestClient.persistent(first.serverUri(), "ingest-restart")) {
                subscriber.subscribe("$share/restart/bins/+/telemetry", 1);
                subscriber.disconnect();
            }
            try (MqttTestClient publisher = MqttTestClient.clean(first.serverUri(), "sensor-restart")) {
                sent = publishNumbered(publisher, 20);
            }
        }
        assertThat(dataDirectory).isNotEmptyDirectory();

        try (EmbeddedBroker second = EmbeddedBroker.start(dataDirectory, 0, BrokerAccounts.anonymous());
             MqttTestClient resumed = MqttTestClient.persistent(second.serverUri(), "ingest-restart")) {
            assertThat(resumed.awaitDistinct(sent.size(), WAIT)).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private static List<String> publishNumbered(MqttTestClient publisher, int count) throws Exception {
        return publishNumbered(publisher, "bins/b-%d/telemetry", count);
    }

    private static List<String> publishNumbered(MqttTestClient publisher, String topicFormat, int count) throws Exception {
        List<String> payloads = IntStream.range(0, count).mapToObj(i -> "m-" + i).toList();
        for (int i = 0; i < count; i++) {
            publisher.publishAsync(topicFormat.formatted(i % 7), payloads.get(i), 1);
        }
        publisher.awaitPublished();
        return payloads;
    }
}
