package org.clearway.deploy;

import org.clearway.core.credentials.MosquittoPassword;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides the broker's device credentials from the bins in service: a device that has an entry
 * already keeps it (sensors in the field are not re-provisioned), a new one gets a random password,
 * and an entry of a bin no longer in service (retired, or never registered) is left out, which
 * revokes it. With {@code rotate}, every device gets a new password.
 */
public final class CredentialIssuer {
    /** 18 random bytes: 144 bits, 24 characters of URL-safe base64. */
    static final int PASSWORD_BYTES = 18;

    private final int iterations;
    private final Random random;

    public CredentialIssuer(int iterations, Random random) {
        this.iterations = iterations;
        this.random = random;
    }

    /** What was decided: the password file's entries, the new passwords, and who was kept or revoked. */
    public record Outcome(Map<String, String> entries, List<IssuedCredential> issued, List<String> kept,
                          Set<String> revoked) {
    }

    /**
     * @param binsInService bin ids, each a device username, in the order the files list them
     * @param existing      the current password file's entries (empty when there is none)
     */
    public Outcome issue(List<String> binsInService, Map<String, String> existing, boolean rotate) {
        Map<String, String> entries = new LinkedHashMap<>();
        List<IssuedCredential> issued = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String bin : binsInService) {
            String hash = existing.get(bin);
            if (hash != null && !rotate) {
                entries.put(bin, hash);
                kept.add(bin);
            } else {
                String password = newPassword();
                entries.put(bin, MosquittoPassword.hash(password, iterations, random));
                issued.add(new IssuedCredential(bin, password));
            }
        }
        Set<String> revoked = new TreeSet<>(existing.keySet());
        revoked.removeAll(entries.keySet());
        return new Outcome(entries, issued, kept, revoked);
    }

    String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
