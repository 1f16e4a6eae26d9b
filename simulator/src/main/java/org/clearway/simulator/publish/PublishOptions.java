package org.clearway.simulator.publish;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Publisher} sends.
 *
 * @param qos              0 or 1
 * @param ratePerSecond    target messages per second, paced evenly; 0 for as fast as possible
 * @param duration         stop taking new publications after this long; null for no limit
 * @param progressInterval how often the progress listener is called
 * @param connectTimeout   how long to wait for the broker at the start, and after a disconnect
 * @param ackTimeout       how long to wait at the end for the last acknowledgements
 */
public record PublishOptions(int qos, double ratePerSecond, Duration duration, Duration progressInterval,
                             Duration connectTimeout, Duration ackTimeout) {
    public PublishOptions {
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("QoS must be 0 or 1, got " + qos);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("the rate must be 0 (no limit) or more messages per second, got "
                    + ratePerSecond);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("the duration must be positive, got " + duration);
        }
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("the progress interval must be positive, got " + progressInterval);
        }
    }

    /** QoS 1, no rate limit, no duration, progress every 5 s, 30 s to connect, 60 s for the last acks. */
    public static PublishOptions defaults() {
        return new PublishOptions(1, 0, null, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    public PublishOptions withQos(int value) {
        return new PublishOptions(value, ratePerSecond, duration, progressInterval, connectTimeout, ackTimeout);
    }

    public PublishOptions withRate(double value) {
        return new PublishOptions(qos, value, duration, progressInterval, connectTimeout, ackTimeout);
    }

    public PublishOptions withDuration(Duration value) {
        return new PublishOptions(qos, ratePerSecond, value, progressInterval, connectTimeout, ackTimeout);
    }

    public PublishOptions withProgressInterval(Duration value) {
        return new PublishOptions(qos, ratePerSecond, duration, value, connectTimeout, ackTimeout);
    }

    public PublishOptions withConnectTimeout(Duration value) {
        return new PublishOptions(qos, ratePerSecond, duration, progressInterval, value, ackTimeout);
    }

    public PublishOptions withAckTimeout(Duration value) {
        return new PublishOptions(qos, ratePerSecond, duration, progressInterval, connectTimeout, value);
    }
}
