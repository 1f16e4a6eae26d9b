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
 * @param outcomes   what each message of the batch became, in the batch's order: {@value #STORED} (at least one valid
 *                   reading, new or a repeat), {@value #REJECTED} (kept in rejected_messages, no valid reading) or
 *                   {@value #STATUS} (a network server's status event, stored as its device's status)
 * @param relay      the valid readings (stored now or before) of the messages from sources other than the contract's
 *                   topic, for {@code DecodedRelay} to hand to dispatch
 */
public record StoreResult(List<Reading> accepted, int stored, List<Rejection> rejections, List<String> outcomes,
                          List<Reading> relay) {
    public static final String STORED = "stored";
    public static final String REJECTED = "rejected";
    public static final String STATUS = "status";

    public static final StoreResult EMPTY = new StoreResult(List.of(), 0, List.of(), List.of(), List.of());

    public int duplicates() {
        return accepted.size() - stored;
    }
}
