package org.clearway.routing.bench;

/**
 * A best-known solution value.
 *
 * @param cost     total distance under the set's convention
 * @param vehicles trucks used
 * @param source   where the value comes from
 */
public record BestKnown(double cost, int vehicles, String source) {
}
