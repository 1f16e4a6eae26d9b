package org.clearway.ingest.store;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.clearway.core.contract.Reading;

/** The newest reading of each bin in a batch, in bin order (so that replicas lock bin_state rows in one order). */
final class NewestPerBin {
    private record Newest(Reading reading, Instant receivedAt, double fill) {
    }

    private final Map<String, Newest> byBin = new TreeMap<>();

    void offer(Reading reading, Instant receivedAt, double fill) {
        byBin.merge(reading.binId(), new Newest(reading, receivedAt, fill),
                (a, b) -> b.reading().measuredAt().isAfter(a.reading().measuredAt()) ? b : a);
    }

    ReadingRows rows() {
        ReadingRows rows = new ReadingRows(byBin.size());
        for (Newest n : byBin.values()) {
            rows.add(n.reading(), n.receivedAt(), n.fill());
        }
        return rows;
    }
}
