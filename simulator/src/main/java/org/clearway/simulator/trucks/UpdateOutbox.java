package org.clearway.simulator.trucks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates waiting for their reply, in the order they were made. Each is sent, and sent again
 * unchanged every {@code repeatAfter} (wall time) until its reply comes: a PUBACK only says the
 * broker has it. Not thread-safe.
 */
final class UpdateOutbox {
    private static final class Entry {
        final byte[] payload;
        Instant sentAt;
        int sends;

        Entry(byte[] payload) {
            this.payload = payload;
        }
    }

    /** An update to send now. */
    record Send(String updateId, byte[] payload, boolean repeat) {
    }

    private final Map<String, Entry> waiting = new LinkedHashMap<>();
    private final Duration repeatAfter;

    UpdateOutbox(Duration repeatAfter) {
        this.repeatAfter = repeatAfter;
    }

    void add(String updateId, byte[] payload) {
        waiting.put(updateId, new Entry(payload));
    }

    /** The reply of an update came: it is no longer sent. True when it was waiting. */
    boolean answered(String updateId) {
        return waiting.remove(updateId) != null;
    }

    /** The updates to send at wall time {@code now}, oldest first, marked as sent. */
    List<Send> due(Instant now) {
        List<Send> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : waiting.entrySet()) {
            Entry entry = e.getValue();
            if (entry.sentAt == null || !now.isBefore(entry.sentAt.plus(repeatAfter))) {
                out.add(new Send(e.getKey(), entry.payload, entry.sends > 0));
                entry.sentAt = now;
                entry.sends++;
            }
        }
        return out;
    }

    /** Marks everything unsent, e.g. after a reconnect: it all goes out again at once. */
    void resendAll() {
        waiting.values().forEach(e -> e.sentAt = null);
    }

    int size() {
        return waiting.size();
    }
}
