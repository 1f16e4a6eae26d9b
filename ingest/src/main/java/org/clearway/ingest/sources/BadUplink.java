package org.clearway.ingest.sources;

import org.clearway.core.contract.RejectReason;

/** A network server's message that is not an uplink we can read: the reason and a sentence of detail. */
public final class BadUplink extends Exception {
    private static final long serialVersionUID = 1L;
    private final RejectReason reason;

    BadUplink(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
