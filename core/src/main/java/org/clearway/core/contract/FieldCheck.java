package org.clearway.core.contract;

/**
 * A reading field that failed validation: the reason and a sentence for the person inspecting it (public for the
 * frame decode step, {@code devices.FrameReadings}).
 */
public final class FieldCheck extends Exception {
    private static final long serialVersionUID = 1L;
    private final RejectReason reason;

    FieldCheck(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
