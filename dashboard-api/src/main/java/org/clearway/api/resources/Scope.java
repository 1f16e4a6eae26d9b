package org.clearway.api.resources;

import java.util.List;
import org.clearway.api.security.Principal;

/**
 * The zone scope of a token in SQL: {@code scope} holds the ids of the token's zone and all its
 * descendants (every zone for {@code *}); {@code sub} the same for a zone filter. Every resource
 * query and update joins on {@code scope}, so an object outside it is simply not found.
 */
public final class Scope {
    /** Two arguments: the token's zone, twice ({@link #args}). */
    public static final String SCOPE_CTE = "WITH RECURSIVE " + zoneTree("scope") + "\n";
    /** Three arguments: the token's zone twice, then the filter zone (null for none). */
    static final String SCOPE_AND_FILTER_CTE = "WITH RECURSIVE " + zoneTree("scope") + ",\n" + """
            sub(id) AS (
                SELECT z.id FROM zones z WHERE z.id = ?::text
                UNION ALL
                SELECT c.id FROM zones c JOIN sub s ON c.parent_id = s.id)
            """;

    private Scope() {
    }

    /**
     * One recursive member of a {@code WITH RECURSIVE}: {@code name(id)}, a zone and all its descendants (every zone
     * for {@code *}). Two arguments: that zone, twice.
     */
    public static String zoneTree(String name) {
        return name + """
                (id) AS (
                    SELECT z.id FROM zones z WHERE (?::text = '*' AND z.parent_id IS NULL) OR z.id = ?::text
                    UNION ALL
                    SELECT c.id FROM zones c JOIN %s s ON c.parent_id = s.id)""".formatted(name);
    }

    static List<Object> args(Principal principal) {
        return new java.util.ArrayList<>(List.of(principal.zone(), principal.zone()));
    }
}
