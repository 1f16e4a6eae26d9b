package org.clearway.ingest.store;

import java.util.List;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.Rejection;

/**
 * What one committed batch did.
 *
 * @param accepted   the valid readings of the batch (stored now or before)
 * @param stored     how many of them were new rows
 * @param rejections every rejection of the batch, including unknown bins
 */
public record StoreResult(List<Reading> accepted, int stored, List<Rejection> rejections) {
    public int duplicates() {
        return accepted.size() - stored;
    }
}
