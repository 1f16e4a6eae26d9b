package org.clearway.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11 on the embedded HiveMQ (the one-command run's broker): nobody may take over another client's session.
 * A sensor with a service's client id is refused (CONNACK "not authorized") and the service is neither thrown off
 * nor loses the QoS 1 messages queued for it; a sensor with its own id (its username) works.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BrokerAccountsIT {
    private static final int NOT_AUTHORIZED = 0x87;
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String INGEST = "clearway-ingest";
    private static final String INGEST_ID = "clearway-ingest-1";

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(null, 0, BrokerAccounts.of(
                List.of(new BrokerAccounts.Service(INGEST, "ingest-secret", List.of(INGEST)),
                        new BrokerAccounts.Service("clearway-dispatch", "dispatch-secret", List.of("clearway-dispatch"))),
                Map.of("bin-a", "password-of-a", "bin-b", "password-of-b")));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aSensorWithIngestsClientIdIsRefusedAndIngestStaysConnected() throws Exception {
        try (MqttTestClient ingest = MqttTestClient.clean(broker.serverUri(), INGEST_ID, INGEST, "ingest-secret");
             MqttTestClient sensor = MqttTestClient.clean(broker.serverUri(), "bin-a", "bin-a", "password-of-a")) {
            ingest.subscribe("bins/+/telemetry", 1);
            assertThat(MqttTestClient.connectReasonCode(broker.serverUri(), INGEST_ID, "bin-b", "password-of-b"))
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(MqttTestClient.connectReasonCode(broker.serverUri(), "clearway-dispatch-out", "bin-b", "password-of-b"))
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(MqttTestClient.connectReasonCode(broker.serverUri(), INGEST_ID, null, null))
                    .as("anonymous").isEqualTo(NOT_AUTHORIZED);
            assertThat(MqttTestClient.connectReasonCode(broker.serverUri(), INGEST_ID, INGEST, "password-of-b"))
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(MqttTestClient.connectReasonCode(broker.serverUri(), "bin-c", null, null))
                    .as("anonymous").isEqualTo(BAD_USER_NAME_OR_PASSWORD);
            assertThat(MqttTestClient.connectReasonCode(broker.serverUri(), "bin-a", "bin-a", "password-of-b"))
                    .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
            sensor.publish("bins/bin-a/telemetry", "after", 1);
            assertThat(ingest.awaitDistinct(1, WAIT)).containsExactly("after");
            assertThat(ingest.isConnected()).isTrue();
            assertThat(ingest.disconnects()).as("ingest was never thrown off").isZero();
        }
    }

    @Test
    void aSensorWithAServicesIdAndACleanStartLeavesTheMessagesQueuedForTheService() throws Exception {
        try (MqttTestClient away = MqttTestClient.persistent(broker.serverUri(), "clearway-ingest-2", INGEST, "ingest-secret")) {
            away.subscribe("queued/bins/+/telemetry", 1);
            away.disconnect();
        }
        List<String> sent = IntStream.range(0, 5).mapToObj(i -> "m-" + i).toList();
        try (MqttTestClient sensor = MqttTestClient.clean(broker.serverUri(), "bin-a", "bin-a", "password-of-a")) {
            for (String payload : sent) {
                sensor.publish("queued/bins/bin-a/telemetry", payload, 1);
            }
        }
        assertThat(MqttTestClient.connectReasonCode(broker.serverUri(), "clearway-ingest-2", "bin-b", "password-of-b"))
                .isEqualTo(NOT_AUTHORIZED);
        try (MqttTestClient back = MqttTestClient.persistent(broker.serverUri(), "clearway-ingest-2", INGEST, "ingest-secret")) {
            assertThat(back.awaitDistinct(sent.size(), WAIT)).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void aSensorWithItsOwnIdConnectsAndPublishesAndAServiceOnlyWithItsOwnIds() throws Exception {
        try (MqttTestClient ingest = MqttTestClient.clean(broker.serverUri(), "clearway-ingest-3", INGEST, "ingest-secret");
             MqttTestClient sensor = MqttTestClient.clean(broker.serverUri(), "bin-b", "bin-b", "password-of-b")) {
            ingest.subscribe("own/bins/+/telemetry", 1);
            sensor.publish("own/bins/bin-b/telemetry", "mine", 1);
            assertThat(ingest.awaitDistinct(1, WAIT)).containsExactly("mine");
        }
        assertThat(MqttTestClient.connectReasonCode(broker.serverUri(), "bin-a", INGEST, "ingest-secret"))
                .as("a service may not take a device's id either").isEqualTo(NOT_AUTHORIZED);
        assertThat(MqttTestClient.connectReasonCode(broker.serverUri(), "clearway-dispatch", INGEST, "ingest-secret"))
                .as("nor another service's").isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void aSensorByItsPasswordPublishesOnItsOwnTopicsOnly() throws Exception {
        try (MqttTestClient ingest = MqttTestClient.clean(broker.serverUri(), "clearway-ingest-4", INGEST, "ingest-secret")) {
            ingest.subscribe("forged/bins/+/telemetry", 1);
            try (MqttTestClient forger = MqttTestClient.clean(broker.serverUri(), "bin-a", "bin-a", "password-of-a")) {
                forger.publish("forged/bins/bin-b/telemetry", "as bin b", 1);
            } catch (org.eclipse.paho.mqttv5.common.MqttException refused) {
                // HiveMQ answers a refused publish with an error reason code or by closing the connection
            }
            try (MqttTestClient sensor = MqttTestClient.clean(broker.serverUri(), "bin-a", "bin-a", "password-of-a")) {
                sensor.publish("forged/bins/bin-a/telemetry", "as bin a", 1);
            }
            assertThat(ingest.awaitDistinct(1, WAIT)).containsExactly("as bin a");
            Thread.sleep(500);
            assertThat(ingest.awaitDistinct(1, Duration.ofMillis(100))).as("bin A's publish as bin B never arrives")
                    .containsExactly("as bin a");
        }
    }

    @Test
    void noSensorMayForgeIngestsRelayOfDecodedReadingsButIngestMayPublishIt() throws Exception {
        try (MqttTestClient dispatch = MqttTestClient.clean(broker.serverUri(), "clearway-dispatch", "clearway-dispatch",
                "dispatch-secret")) {
            dispatch.subscribe("relay/bins/+/decoded", 1);
            try (MqttTestClient forger = MqttTestClient.clean(broker.serverUri(), "bin-a", "bin-a", "password-of-a")) {
                forger.publish("relay/bins/bin-a/decoded", "forged", 1);
            } catch (org.eclipse.paho.mqttv5.common.MqttException refused) {
                // HiveMQ answers a refused publish with an error reason code or by closing the connection
            }
            try (MqttTestClient ingest = MqttTestClient.clean(broker.serverUri(), "clearway-ingest-5", INGEST, "ingest-secret")) {
                ingest.publish("relay/bins/bin-a/decoded", "relayed", 1);
            }
            assertThat(dispatch.awaitDistinct(1, WAIT)).containsExactly("relayed");
            Thread.sleep(500);
            assertThat(dispatch.awaitDistinct(1, Duration.ofMillis(100))).as("the sensor's forgery never arrives")
                    .containsExactly("relayed");
        }
    }
}
