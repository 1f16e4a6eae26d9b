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

    /**
     * What was decided: the password file's entries, the new passwords, who was kept or revoked, and who gets an ACL
     * block (a device may connect with a certificate and no password, and a revoked one gets no block, so that an
     * open certificate connection loses its topics).
     */
    public record Outcome(Map<String, String> entries, List<IssuedCredential> issued, List<String> kept,
                          Set<String> revoked, List<String> aclUsers) {
        public Outcome(Map<String, String> entries, List<IssuedCredential> issued, List<String> kept, Set<String> revoked) {
            this(entries, issued, kept, revoked, List.copyOf(entries.keySet()));
        }
    }

    /**
     * A device whose credentials the registry holds (V18, issued through the API): its password hash (null: none)
     * and whether it may connect at all (not revoked, and a password or a valid certificate).
     */
    public record Managed(String hash, boolean mayConnect) {
    }

    /**
     * @param binsInService bin ids, each a device username, in the order the files list them
     * @param existing      the current password file's entries (empty when there is none)
     */
    public Outcome issue(List<String> binsInService, Map<String, String> existing, boolean rotate) {
        return issue(binsInService, existing, rotate, Map.of());
    }

    /**
     * As {@link #issue(List, Map, boolean)}, but the devices in {@code managed} get what the registry says: its hash or
     * no entry, an ACL block or none; {@code rotate} leaves them alone (the API rotates them).
     */
    public Outcome issue(List<String> binsInService, Map<String, String> existing, boolean rotate,
                         Map<String, Managed> managed) {
        return issue(binsInService, existing, rotate, managed, true);
    }

    /**
     * As {@link #issue(List, Map, boolean, Map)}; with {@code issueNew} false a device the registry does not manage
     * and without an entry gets no password (only its ACL block, for a certificate of an offline device CA): the
     * unattended sidecar ({@code --every}) makes no password nobody would see; passwords are issued through the API.
     */
    public Outcome issue(List<String> binsInService, Map<String, String> existing, boolean rotate,
                         Map<String, Managed> managed, boolean issueNew) {
        Map<String, String> entries = new LinkedHashMap<>();
        List<IssuedCredential> issued = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> aclUsers = new ArrayList<>();
        for (String bin : binsInService) {
            Managed registry = managed.get(bin);
            if (registry != null) {
                if (registry.hash() != null && registry.mayConnect()) {
                    entries.put(bin, registry.hash());
                }
                if (registry.mayConnect()) {
                    aclUsers.add(bin);
                }
                continue;
            }
            aclUsers.add(bin);
            String hash = existing.get(bin);
            if (hash != null && !rotate) {
                entries.put(bin, hash);
                kept.add(bin);
            } else if (issueNew) {
                String password = newPassword();
                entries.put(bin, MosquittoPassword.hash(password, iterations, random));
                issued.add(new IssuedCredential(bin, password));
            }
        }
        Set<String> revoked = new TreeSet<>(existing.keySet());
        revoked.removeAll(entries.keySet());
        return new Outcome(entries, issued, kept, revoked, aclUsers);
    }

    String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
