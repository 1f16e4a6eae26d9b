package org.clearway.api.driver;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.clearway.api.security.TokenRegistry;

/**
 * The trucks' photo keys, known only by their SHA-256 hashes: {@code <sha256 hex>=<truck id>}, comma-separated
 * ({@code CLEARWAY_DRIVER_PHOTO_KEYS}, docs/driver.md#photos). A key is a truck's only right on the API: to upload the
 * photos of its own jobs. The hash of the truck's broker password may be listed as its key, so that the driver signs
 * in once; a truck may have several keys (one per tablet).
 */
public final class PhotoKeys {
    public static final PhotoKeys NONE = new PhotoKeys(Map.of());
    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern TRUCK = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final Map<String, String> truckByHash;

    private PhotoKeys(Map<String, String> truckByHash) {
        this.truckByHash = Map.copyOf(truckByHash);
    }

    /** @throws IllegalArgumentException naming the entry that cannot be read (never its value) */
    public static PhotoKeys parse(String spec) {
        Map<String, String> byHash = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        int index = 0;
        for (String raw : spec.split(",")) {
            index++;
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("entry " + index + " is not <sha256>=<truck id>");
            }
            String hash = entry.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
            String truck = entry.substring(eq + 1).trim();
            if (!HASH.matcher(hash).matches()) {
                throw new IllegalArgumentException("entry " + index + ": the hash is not 64 hex digits");
            }
            if (!TRUCK.matcher(truck).matches()) {
                throw new IllegalArgumentException("entry " + index + ": the truck id is not 1-64 of A-Z a-z 0-9 _ -");
            }
            if (byHash.put(hash, truck) != null) {
                throw new IllegalArgumentException("entry " + index + ": the same key is listed twice");
            }
        }
        return new PhotoKeys(byHash);
    }

    /** The truck whose key this is. */
    public Optional<String> truck(String key) {
        return key == null || key.isEmpty() ? Optional.empty() : Optional.ofNullable(truckByHash.get(TokenRegistry.sha256(key)));
    }

    public boolean enabled() {
        return !truckByHash.isEmpty();
    }
}
