package org.clearway.ingest.message;

import java.util.List;
import java.util.function.Consumer;
import org.clearway.core.contract.Rejection;

/**
 * The answer owed to a caller that waits for its message's commit (an HTTP source), in place of an
 * MQTT PUBACK. The store {@link #prepare prepares} what the message became inside the batch's
 * transaction (again on a retry); the writer {@link #send sends} it only after the commit, in the
 * order the messages arrived, exactly where a PUBACK would go.
 */
public final class Reply {
    /**
     * What one message became.
     *
     * @param readings   valid readings of the message, stored now or before (a repeat is stored once)
     * @param rejections what was rejected and kept in rejected_messages, with its reason
     */
    public record Outcome(int readings, List<Rejection> rejections) {
        public Outcome {
            rejections = List.copyOf(rejections);
        }
    }

    private final Consumer<Outcome> sink;
    private volatile Outcome prepared;

    /** @param sink receives the outcome once, after the commit, on a writer thread: it must not block */
    public Reply(Consumer<Outcome> sink) {
        this.sink = sink;
    }

    /** Called in the transaction; the last call before the commit wins. */
    public void prepare(int readings, List<Rejection> rejections) {
        prepared = new Outcome(readings, rejections);
    }

    public void send() {
        Outcome o = prepared;
        sink.accept(o == null ? new Outcome(0, List.of()) : o);
    }
}
