package org.clearway.api.resources;

import org.clearway.api.security.Principal;

/**
 * Who did something through the API, as written to {@code job_events.actor}, {@code alarms.acknowledged_by} and
 * {@code alarms.cleared_by}: {@code token:} and the token's short, non-secret name (the first 12 hex digits of its
 * hash, the name the logs use), so that an action can be traced to the token that was handed out.
 */
final class Actor {
    static final String PREFIX = "token:";

    private Actor() {
    }

    static String of(Principal principal) {
        return PREFIX + principal.tokenId();
    }
}
