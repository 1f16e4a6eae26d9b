package org.clearway.core.contract;

/**
 * One rejected message, or one rejected reading of a batch.
 *
 * @param reason    why it was rejected
 * @param detail    a sentence that says what was wrong, for the person inspecting it
 * @param itemIndex the reading's position in a batch array, or -1 for the whole message
 * @param payload   the raw bytes rejected: the whole message, or the one reading of a batch
 */
public record Rejection(RejectReason reason, String detail, int itemIndex, byte[] payload) {
    public static final int WHOLE_MESSAGE = -1;

    public static Rejection ofMessage(RejectReason reason, String detail, byte[] payload) {
        return new Rejection(reason, detail, WHOLE_MESSAGE, payload);
    }
}
