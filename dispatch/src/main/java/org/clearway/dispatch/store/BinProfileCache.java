package org.clearway.dispatch.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The registered, unretired bins' profiles ({@link BinStore#find}) kept for {@code ttl}: bins change rarely (the API
 * edits and retires them), so a reading may be decided with a profile up to {@code ttl} old. A bin that is not found
 * is not kept: a bin registered a moment ago is seen at its first reading. Holds at most {@code capacity} bins and
 * starts over when full.
 */
public final class BinProfileCache {
    /** The default {@code ttl}: an edit or a retirement reaches dispatch's decisions within this. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    /** The default {@code capacity}. */
    public static final int DEFAULT_CAPACITY = 200_000;

    private final BinStore store;
    private final long ttlNanos;
    private final int capacity;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(BinProfile profile, long loadedAt) {
    }

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}) */
    public BinProfileCache(BinStore store, Duration ttl, int capacity, LongSupplier nanoTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.ttlNanos = ttl.toNanos();
        this.capacity = capacity;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public BinProfileCache(BinStore store) {
        this(store, DEFAULT_TTL, DEFAULT_CAPACITY, System::nanoTime);
    }

    /** The bin, when it is registered and not retired (as of at most {@code ttl} ago). */
    public Optional<BinProfile> find(Connection c, String binId) throws SQLException {
        Entry entry = fresh(binId);
        if (entry != null) {
            return Optional.of(entry.profile());
        }
        Optional<BinProfile> found = store.find(c, binId);
        found.ifPresent(this::keep);
        return found;
    }

    /** Loads the bins among {@code binIds} that are not kept or are stale, in one query. */
    public void load(Connection c, Collection<String> binIds) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (String id : binIds) {
            if (fresh(id) == null) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            store.findAll(c, missing).forEach(this::keep);
        }
    }

    private Entry fresh(String binId) {
        Entry entry = entries.get(binId);
        return entry != null && nanoTime.getAsLong() - entry.loadedAt() < ttlNanos ? entry : null;
    }

    private void keep(BinProfile profile) {
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(profile.id(), new Entry(profile, nanoTime.getAsLong()));
    }
}
