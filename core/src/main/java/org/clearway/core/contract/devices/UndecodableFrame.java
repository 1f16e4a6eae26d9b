package org.clearway.core.contract.devices;

/** The bytes are not a frame the device's decoder knows; the message says why, for the person inspecting it. */
public final class UndecodableFrame extends Exception {
    private static final long serialVersionUID = 1L;

    public UndecodableFrame(String detail) {
        super(detail, null, false, false);
    }
}
