package org.clearway.api.ngsi;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A waste stream's code to the model's {@code storedWasteKind}: a stream named as one of the model's kinds is that kind;
 * {@code kitchen} is {@code organic}; any other stream (residual, recyclable, a city's own) is {@code other}.
 */
final class StoredWasteKind {
    static final Map<String, String> BY_STREAM = Map.ofEntries(
            Map.entry("kitchen", "organic"), Map.entry("organic", "organic"), Map.entry("inorganic", "inorganic"),
            Map.entry("glass", "glass"), Map.entry("oil", "oil"), Map.entry("plastic", "plastic"),
            Map.entry("metal", "metal"), Map.entry("paper", "paper"), Map.entry("batteries", "batteries"),
            Map.entry("electronics", "electronics"), Map.entry("hazardous", "hazardous"));
    static final String OTHER = "other";

    /** The same mapping as a SQL expression over {@code b.stream} (the codes are ours, never a caller's). */
    static final String SQL = "CASE b.stream " + BY_STREAM.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> "WHEN '" + e.getKey() + "' THEN '" + e.getValue() + "'")
            .collect(Collectors.joining(" ")) + " ELSE '" + OTHER + "' END";

    private StoredWasteKind() {
    }
}
