package org.clearway.routing.model;

/** Where trucks start and end their shift. */
public record Depot(String id, Location location) {
}
