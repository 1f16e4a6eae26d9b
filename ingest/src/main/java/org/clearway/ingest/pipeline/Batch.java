package org.clearway.ingest.pipeline;

import java.util.List;
import org.clearway.ingest.message.Envelope;

/** Messages committed together; batches are numbered in arrival order, and acknowledged in that order. */
public record Batch(long sequence, List<Envelope> envelopes) {
    /** No messages arrived. */
    public static final Batch NONE = new Batch(-1, List.of());

    public boolean isEmpty() {
        return envelopes.isEmpty();
    }
}
