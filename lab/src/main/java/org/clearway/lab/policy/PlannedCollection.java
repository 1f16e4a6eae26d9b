package org.clearway.lab.policy;

import java.time.Instant;

/** A truck empties a bin at a time, as the day's routes say. */
public record PlannedCollection(int bin, Instant at) {
}
