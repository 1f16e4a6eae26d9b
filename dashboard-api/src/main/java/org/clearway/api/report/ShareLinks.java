package org.clearway.api.report;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links to one zone's report for one quarter: {@code zone}, {@code quarter}, {@code expires} (Unix
 * seconds) and {@code sig}, the HMAC-SHA256 of the three under the server's secret (base64url). Whoever holds a link
 * sees that zone's communities for that quarter, read-only, until it expires; changing any of the three breaks the
 * signature. Expiry is in real time (like sign-in sessions), whatever the speed of the city's clock.
 */
public final class ShareLinks {
    private static final String MAC = "HmacSHA256";
    private static final String VERSION = "clearway-report-v1";

    /** What a link is worth; {@code REVOKED} is decided by the links' store ({@code ShareLinkStore}), not here. */
    public enum Check { VALID, TAMPERED, EXPIRED, REVOKED }

    /** A link's parameters. */
    public record Link(String zone, String quarter, long expires, String sig) {
        public String query() {
            return "zone=" + encode(zone) + "&quarter=" + encode(quarter) + "&expires=" + expires + "&sig=" + sig;
        }

        public Instant expiresAt() {
            return Instant.ofEpochSecond(expires);
        }

        private static String encode(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration ttl;
    /**
     * The expiry of the last link signed here: each link gets a later one (a second later within a burst), so two
     * links shared in the same second are two links, each revocable on its own (V22 keeps them by signature).
     */
    private final java.util.concurrent.atomic.AtomicLong lastExpires = new java.util.concurrent.atomic.AtomicLong();

    public ShareLinks(byte[] secret, Clock clock, Duration ttl) {
        this.key = new SecretKeySpec(secret.clone(), MAC);
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A link to the zone's report of the quarter, valid for the configured time from now (a second more in a burst). */
    public Link sign(String zone, String quarter) {
        long due = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
        long expires = lastExpires.updateAndGet(last -> Math.max(last + 1, due));
        return new Link(zone, quarter, expires, signature(zone, quarter, expires));
    }

    /** A signature that does not match (any of the parts changed, or made with another secret) is tampered. */
    public Check check(String zone, String quarter, String expires, String sig) {
        if (zone == null || quarter == null || expires == null || sig == null || !expires.matches("^[0-9]{1,12}$")) {
            return Check.TAMPERED;
        }
        long at = Long.parseLong(expires);
        byte[] expected = signature(zone, quarter, at).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            return Check.TAMPERED;
        }
        return clock.instant().isBefore(Instant.ofEpochSecond(at)) ? Check.VALID : Check.EXPIRED;
    }

    String signature(String zone, String quarter, long expires) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            byte[] tag = mac.doFinal((VERSION + "\n" + zone + "\n" + quarter + "\n" + expires)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
