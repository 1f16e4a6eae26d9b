package org.clearway.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API's bearer tokens, known only by their SHA-256 hashes. Configured as
 * {@code CLEARWAY_API_TOKENS="<sha256 hex>=<role>:<zone>,<sha256 hex>=<role>:<zone>"}, where the
 * role is viewer, operator, dispatcher or admin and the zone is a zone id or {@code *} for the
 * whole city. The plain tokens are never stored: {@code printf %s "$TOKEN" | sha256sum} gives a hash.
 */
public final class TokenRegistry {
    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern ZONE = Pattern.compile("^([A-Za-z0-9_.-]{1,64}|\\*)$");

    private final Map<String, Principal> byHash;

    private TokenRegistry(Map<String, Principal> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /** @throws IllegalArgumentException naming the entry that cannot be read */
    public static TokenRegistry parse(String spec) {
        Map<String, Principal> byHash = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return new TokenRegistry(byHash);
        }
        int index = 0;
        for (String raw : spec.split(",")) {
            index++;
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            int colon = entry.indexOf(':', eq + 1);
            if (eq < 0 || colon < 0) {
                throw new IllegalArgumentException("token entry " + index + " is not <sha256>=<role>:<zone>");
            }
            String hash = entry.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
            String zone = entry.substring(colon + 1).trim();
            if (!HASH.matcher(hash).matches()) {
                throw new IllegalArgumentException("token entry " + index + ": the hash is not 64 hex digits");
            }
            if (!ZONE.matcher(zone).matches()) {
                throw new IllegalArgumentException("token entry " + index + ": the zone is not a zone id or *");
            }
            Role role;
            try {
                role = Role.parse(entry.substring(eq + 1, colon));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("token entry " + index + ": the role is not viewer, operator, dispatcher or admin");
            }
            if (byHash.put(hash, new Principal(hash.substring(0, 12), role, zone)) != null) {
                throw new IllegalArgumentException("token entry " + index + ": the same token is listed twice");
            }
        }
        return new TokenRegistry(byHash);
    }

    public Optional<Principal> lookup(String token) {
        return Optional.ofNullable(byHash.get(sha256(token)));
    }

    public int size() {
        return byHash.size();
    }

    public static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "TokenRegistry[" + byHash.size() + " tokens]";
    }
}
