package org.clearway.simulator.model;

import java.time.Duration;

/** Waits for simulated time to pass; tests replace it with one that moves a test clock forward. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> Thread.sleep(Math.max(1, d.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}
