package org.clearway.core.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ReconnectWatchdogTest {
    private static final Duration MAX = Duration.ofSeconds(30);

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A connection that counts reconnect requests. */
    private static final class Counting implements ReconnectWatchdog.Connection {
        boolean connected;
        int reconnects;

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public void reconnect() {
            reconnects++;
        }
    }

    private final StepClock clock = new StepClock();
    private final Counting connection = new Counting();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReconnectWatchdog watchdog = new ReconnectWatchdog(connection, clock, "c", MAX, closed::get);

    @Test
    void asksForAReconnectOnlyAfterTwiceTheLongestDelay() {
        watchdog.connected();
        watchdog.lost();
        clock.now = clock.now.plus(MAX.multipliedBy(2)).minusSeconds(1);
        watchdog.check();
        assertEquals(0, connection.reconnects, "Paho's own reconnect still has time");
        clock.now = clock.now.plusSeconds(1);
        watchdog.check();
        assertEquals(1, connection.reconnects);
    }

    @Test
    void leavesAConnectedClosedOrNeverConnectedSessionAlone() {
        watchdog.lost();
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        watchdog.check();
        assertEquals(0, connection.reconnects, "before the first connection the connect loop retries");

        watchdog.connected();
        watchdog.lost();
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        connection.connected = true;
        watchdog.check();
        assertEquals(0, connection.reconnects, "connected again");

        connection.connected = false;
        closed.set(true);
        watchdog.check();
        assertEquals(0, connection.reconnects, "closed");
    }

    @Test
    void aNewConnectionClearsTheLoss() {
        watchdog.connected();
        watchdog.lost();
        watchdog.connected();
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        watchdog.check();
        assertEquals(0, connection.reconnects);
    }
}
