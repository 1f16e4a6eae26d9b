package org.clearway.api.driver;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.clearway.api.security.TokenRegistry;

/**
 * The trucks' photo keys, known only by their SHA-256 hashes: {@code <sha256 hex>=<truck id>}, comma-separated
 * ({@code CLEARWAY_DRIVER_PHOTO_KEYS}, docs/driver.md#photos). A key is a truck's only right on the API: to upload the
 * photos of its own jobs. The hash of the truck's broker password may be listed as its key, so that the driver signs
 * in once; a truck may have several keys (one per tablet), and one key may serve several trucks (a run whose trucks
 * share a broker password, as the one-command run's do): the upload then names its truck ({@code truck=}), and the key
 * must be listed for it.
 */
public final class PhotoKeys {
    public static final PhotoKeys NONE = new PhotoKeys(Map.of());
    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern TRUCK = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final Map<String, Set<String>> trucksByHash;

    private PhotoKeys(Map<String, Set<String>> trucksByHash) {
        this.trucksByHash = Map.copyOf(trucksByHash);
    }

    /** @throws IllegalArgumentException naming the entry that cannot be read (never its value) */
    public static PhotoKeys parse(String spec) {
        Map<String, Set<String>> byHash = new HashMap<>();
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
            if (!byHash.computeIfAbsent(hash, h -> new TreeSet<>()).add(truck)) {
                throw new IllegalArgumentException("entry " + index + ": the same key is listed twice for one truck");
            }
        }
        return new PhotoKeys(byHash);
    }

    /** The truck whose key this is: the only one it is listed for. */
    public Optional<String> truck(String key) {
        return truck(key, null);
    }

    /**
     * The truck this key uploads for: {@code claimed} when the key is listed for it, or, with no truck named, the only
     * truck the key is listed for.
     */
    public Optional<String> truck(String key, String claimed) {
        Set<String> trucks = key == null || key.isEmpty() ? null : trucksByHash.get(TokenRegistry.sha256(key));
        if (trucks == null) {
            return Optional.empty();
        }
        if (claimed != null && !claimed.isBlank()) {
            return trucks.contains(claimed) ? Optional.of(claimed) : Optional.empty();
        }
        return trucks.size() == 1 ? Optional.of(trucks.iterator().next()) : Optional.empty();
    }

    public boolean enabled() {
        return !trucksByHash.isEmpty();
    }
}
