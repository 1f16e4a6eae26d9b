package org.clearway.lab.soak;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's memory: the live heap (after a forced full collection), the heap in use right after
 * the latest collection (from the collectors' notifications), and the process's resident set.
 */
final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private static volatile long afterLastGc = -1;

    static {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        afterLastGc = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
                    }
                }, null, null);
            }
        }
    }

    private MemoryProbe() {
    }

    private static long heapUsed(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> HEAP_POOLS.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    /** Starts listening to the collectors (the first call does; later ones are free). */
    static void install() {
        // the static initialiser does the work
    }

    /** Bytes of heap in use after the latest collection; the heap in use now before the first one. */
    static long heapAfterGcBytes() {
        long v = afterLastGc;
        return v >= 0 ? v : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The live heap: what is in use right after a full collection, forced now. */
    record Live(long bytes, long pauseMillis) {
    }

    /**
     * Forces a full collection ({@code System.gc()}, stop-the-world with G1 unless the JVM is told
     * otherwise) and returns the heap in use after it and how long it took. The floor after young
     * collections alone rises with old-generation garbage until a mixed collection, so it cannot tell
     * a leak from garbage over minutes.
     */
    static Live liveHeap() {
        long t0 = System.nanoTime();
        System.gc();
        long pause = (System.nanoTime() - t0) / 1_000_000;
        return new Live(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), pause);
    }

    /** Resident set size in bytes from /proc/self/status (VmRSS), or -1 where there is no /proc. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
