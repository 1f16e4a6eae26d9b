package org.clearway.api.security;

import java.util.Optional;

/**
 * The console's sign-in sessions as {@link AuthHandler} sees them: a session cookie names a principal, exactly the one
 * of the token it was opened with.
 */
@FunctionalInterface
public interface SessionLookup {
    /** The cookie that carries a console session id (HttpOnly, SameSite=Strict; Secure on TLS). */
    String COOKIE = "clearway_session";
    /**
     * The header a console request sends with every change (any method but GET and HEAD) made with the session
     * cookie. A cross-site form cannot send it, and a cross-origin script cannot without a CORS preflight, which the
     * API never answers: a second guard against request forgery beside SameSite=Strict.
     */
    String CONSOLE_HEADER = "X-Clearway-Console";

    /** No sessions: only bearer tokens are accepted. */
    SessionLookup NONE = id -> Optional.empty();

    Optional<Principal> principal(String sessionId);
}
