package org.clearway.simulator.publish;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Recognises a publication the MQTT client refused at once because the broker's Receive Maximum
 * is reached (Paho's "Too many publishes in progress", 32202; Mosquitto allows 20 by default).
 * That is back-pressure, not a failure: the publisher waits for an acknowledgement and sends it
 * again. (Better handled in the session itself, which could size its window to the broker's.)
 */
final class BrokerBusy {
    private BrokerBusy() {
    }

    static boolean refusedForInflight(CompletableFuture<Void> done) {
        if (!done.isCompletedExceptionally()) {
            return false;
        }
        try {
            done.getNow(null);
            return false;
        } catch (CompletionException e) {
            return isInflightFull(e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            return false;
        }
    }

    static boolean isInflightFull(Throwable t) {
        return t instanceof MqttException e && e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT;
    }

    static Throwable unwrap(Throwable t) {
        return (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                ? t.getCause() : t;
    }
}
