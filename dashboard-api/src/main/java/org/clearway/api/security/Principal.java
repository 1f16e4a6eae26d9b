package org.clearway.api.security;

/**
 * Who is calling: a token's role and zone scope.
 *
 * @param tokenId a short, non-secret name for the token (the first hex digits of its hash), for
 *                logs and the rate limiter
 * @param zone    the zone the token sees with all its descendants, or {@value #WHOLE_CITY}
 */
public record Principal(String tokenId, Role role, String zone) {
    public static final String WHOLE_CITY = "*";

    public boolean wholeCity() {
        return WHOLE_CITY.equals(zone);
    }
}
