package org.clearway.api.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.clearway.api.security.Principal;
import org.clearway.api.security.TokenRegistry;

/**
 * The console's sign-in sessions, in this API process's memory. Signing in with a token (checked by the caller
 * against {@link TokenRegistry}) gives a random session id of 256 bits for an HttpOnly cookie; the session carries the
 * token's {@link Principal} (role, zone, the token's short name), so a request made with the cookie is scoped exactly
 * as one made with the token. Only the SHA-256 of a session id is kept, as for the tokens. A session ends at sign-out,
 * after {@code ttl} from sign-in, or when the process restarts (which also reads the token list again).
 */
public final class ConsoleSessions {
    private static final int ID_BYTES = 32;

    private record Session(Principal principal, Instant expiresAt) {
    }

    private final Map<String, Session> byHash = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration ttl;
    private final int maxSessions;

    public ConsoleSessions(Clock clock, Duration ttl, int maxSessions) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxSessions = maxSessions;
    }

    /**
     * A new session for a signed-in token.
     *
     * @return the session id for the cookie, or empty when {@code maxSessions} are open (after the expired ones are
     *         dropped)
     */
    public Optional<String> open(Principal principal) {
        if (byHash.size() >= maxSessions) {
            dropExpired();
            if (byHash.size() >= maxSessions) {
                return Optional.empty();
            }
        }
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byHash.put(TokenRegistry.sha256(id), new Session(principal, clock.instant().plus(ttl)));
        return Optional.of(id);
    }

    /** The principal of a live session; an expired one is removed. */
    public Optional<Principal> lookup(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 128) {
            return Optional.empty();
        }
        String hash = TokenRegistry.sha256(sessionId);
        Session session = byHash.get(hash);
        if (session == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            byHash.remove(hash, session);
            return Optional.empty();
        }
        return Optional.of(session.principal());
    }

    /** Ends a session (sign-out); unknown ids are ignored. */
    public void close(String sessionId) {
        if (sessionId != null && !sessionId.isEmpty() && sessionId.length() <= 128) {
            byHash.remove(TokenRegistry.sha256(sessionId));
        }
    }

    public Duration ttl() {
        return ttl;
    }

    int size() {
        return byHash.size();
    }

    private void dropExpired() {
        Instant now = clock.instant();
        byHash.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    }
}
