package org.clearway.simulator.payload;

import org.clearway.simulator.expect.Expectation;

/** A message composed for a bin, before the simulation numbers it. */
public record Outgoing(String topic, byte[] payload, Expectation expectation) {
}
