package org.clearway.dispatch.trucks;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.clearway.core.contract.Rfc3339;

/**
 * What a truck reports that is not about one of its jobs (updates version 2, docs/trucks.md): the driver's break
 * starts or ends, or the driver saw a full bin that is not on the route.
 *
 * @param updateId the truck's id for the update, echoed in the reply; may be null
 * @param kind     what happened
 * @param at       when, by the truck's clock ({@code ts})
 * @param binId    the full bin ({@link Kind#FULL_BIN} only), else null
 * @param reason   what the driver says about it, or null
 */
public record TruckNotice(String updateId, Kind kind, Instant at, String binId, String reason) {

    /** The version that brought these events. */
    public static final int VERSION = 2;
    private static final int MAX_BIN_ID = 64;

    /** The events, by their wire name (the constant in lower case). */
    public enum Kind {
        /** the driver's break starts */
        BREAK_STARTED,
        /** the driver's break ends */
        BREAK_ENDED,
        /** a full bin that is not on the route: dispatch makes an urgent job of it */
        FULL_BIN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Kind> fromWireName(String name) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** Whether the update's {@code event} is one of these (else it is about a job). */
    static boolean isNotice(JsonNode root) {
        return Kind.fromWireName(root.path("event").asText("")).isPresent();
    }

    /**
     * Reads a notice from an update already read as a JSON object whose event is one of {@link Kind}.
     *
     * @throws TruckUpdate.BadUpdateException naming what is wrong
     */
    static TruckNotice parse(JsonNode root) {
        Kind kind = Kind.fromWireName(root.path("event").asText("")).orElseThrow();
        if (!root.path("version").isInt() || root.get("version").asInt() < VERSION) {
            throw new TruckUpdate.BadUpdateException("a " + kind.wireName() + " update needs version " + VERSION);
        }
        Instant at = root.path("ts").isTextual() ? Rfc3339.parse(root.get("ts").asText()).orElse(null) : null;
        if (at == null) {
            throw new TruckUpdate.BadUpdateException("ts must be an RFC 3339 time with an offset, e.g. 2026-11-28T08:15:00Z");
        }
        String binId = TruckUpdate.text(root, "binId");
        if (kind == Kind.FULL_BIN && (binId == null || binId.isBlank() || binId.length() > MAX_BIN_ID)) {
            throw new TruckUpdate.BadUpdateException("a full_bin update needs the binId of the full bin");
        }
        if (kind != Kind.FULL_BIN && binId != null) {
            throw new TruckUpdate.BadUpdateException("binId belongs to a full_bin update only");
        }
        return new TruckNotice(TruckUpdate.text(root, "updateId"), kind, at, binId, TruckUpdate.text(root, "reason"));
    }
}
