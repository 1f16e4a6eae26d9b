package org.clearway.routing.model;

/** Rounding applied to every single edge length before it is summed. */
public enum Rounding {
    /** Real-valued distances (Solomon, Christofides, city data). */
    NONE,
    /** Nearest integer, as TSPLIB's {@code nint} for CVRPLIB's {@code EUC_2D} instances. */
    NEAREST_INT
}
