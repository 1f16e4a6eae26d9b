package org.clearway.simulator.publish;

import java.time.Duration;
import org.clearway.simulator.Ledger;

/**
 * What a {@link Publisher#publish} run did.
 *
 * @param sent      messages handed to the MQTT client
 * @param acked     messages the broker acknowledged (QoS 1) or that were written (QoS 0)
 * @param errors    messages that failed or were not acknowledged within the ack timeout
 * @param stopped   true when the run ended early: {@link Publisher#stop()}, the duration, or an interrupt
 * @param lastError the last failure's message, or null
 * @param ledger    the acknowledged publications' expectations
 */
public record PublishSummary(long sent, long acked, long errors, Duration elapsed, boolean stopped, String lastError,
                             Ledger ledger) {
    public double averageRate() {
        return elapsed.isZero() ? 0 : sent * 1e9 / elapsed.toNanos();
    }
}
