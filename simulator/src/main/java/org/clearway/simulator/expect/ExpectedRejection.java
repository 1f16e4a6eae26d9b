package org.clearway.simulator.expect;

import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;

/**
 * A bad part of a publication: why the ingest must reject it and where.
 *
 * @param itemIndex the reading's position in a batch array, or {@link Rejection#WHOLE_MESSAGE} (-1)
 */
public record ExpectedRejection(RejectReason reason, int itemIndex) {
    public static ExpectedRejection wholeMessage(RejectReason reason) {
        return new ExpectedRejection(reason, Rejection.WHOLE_MESSAGE);
    }
}
