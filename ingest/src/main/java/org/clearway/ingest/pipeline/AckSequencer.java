package org.clearway.ingest.pipeline;

import java.util.List;
import java.util.TreeMap;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.ingest.message.Envelope;
import org.clearway.ingest.message.Reply;

/**
 * Acknowledges committed batches in the order their messages arrived (MQTT requires PUBACKs in the
 * order of the PUBLISHes), although several writers may commit them out of order. A batch that is
 * never committed (the service stopped while the database was down) holds back every later one:
 * the broker redelivers them all, and they are stored once. A message from an HTTP source gets its
 * {@link Reply} at the same point instead of a PUBACK.
 */
final class AckSequencer {
    private final MqttSession mqtt;
    private final TreeMap<Long, List<Envelope>> committed = new TreeMap<>();
    private long next;

    AckSequencer(MqttSession mqtt) {
        this.mqtt = mqtt;
    }

    synchronized void committed(Batch batch) {
        committed.put(batch.sequence(), batch.envelopes());
        while (!committed.isEmpty() && committed.firstKey() == next) {
            for (Envelope e : committed.pollFirstEntry().getValue()) {
                if (e.reply() != null) {
                    e.reply().send();
                } else {
                    mqtt.acknowledge(e.message());
                }
            }
            next++;
        }
    }
}
