package org.clearway.ingest.pipeline;

import java.time.Duration;
import org.clearway.core.contract.RejectReason;

/** What the pipeline reports; {@link #NOOP} for unit tests. */
public interface IngestMetrics {
    void received(int qos);

    void stored(int readings, int duplicates);

    void rejected(RejectReason reason);

    void committed(int messages, Duration commitTime);

    void lag(Duration endToEnd, Duration pipeline);

    void storeFailed();

    /** What a committed message of {@code source} became ({@code StoreResult}'s outcomes). */
    void message(String source, String outcome);

    /** A message of a bin over its flood limit (stored as usual, or parked beyond the ceiling). */
    void overFloodLimit();

    IngestMetrics NOOP = new IngestMetrics() {
        @Override
        public void received(int qos) {
        }

        @Override
        public void stored(int readings, int duplicates) {
        }

        @Override
        public void rejected(RejectReason reason) {
        }

        @Override
        public void committed(int messages, Duration commitTime) {
        }

        @Override
        public void lag(Duration endToEnd, Duration pipeline) {
        }

        @Override
        public void storeFailed() {
        }

        @Override
        public void overFloodLimit() {
        }

        @Override
        public void message(String source, String outcome) {
        }
    };
}
