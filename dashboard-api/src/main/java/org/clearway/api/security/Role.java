package org.clearway.api.security;

import java.util.Locale;

/** What a token may do, each role including the ones before it: viewer &lt; operator &lt; dispatcher &lt; admin. */
public enum Role {
    VIEWER, OPERATOR, DISPATCHER, ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a name that is not a role */
    public static Role parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
