package io.swarmplace.torrent.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap use between {@link #reset} and the readings: the live heap's high-water mark (heap used right after
 * each full collection, the largest seen; 0 if none ran), the committed heap's high-water mark, and the
 * time spent collecting.
 * Heap used before a collection is mostly garbage waiting for it and says little; the JVM's -Xmx is the hard
 * limit the run stayed under.
 */
final class HeapPeak {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong liveAfterGc = new AtomicLong();
    private long gcMillisAtReset;
    private long gcCountAtReset;

    HeapPeak() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        // After a young collection the old generation still holds dead promoted piece buffers.
                        if (info.getGcAction().contains("major")) {
                            liveAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
                        }
                    }
                }, null, null);
            }
        }
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
    }

    void reset() {
        liveAfterGc.set(0);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        gcMillisAtReset = gcMillis();
        gcCountAtReset = gcCount();
    }

    /** The largest heap use measured right after a full collection since {@link #reset}; 0 if none ran. */
    long liveBytes() {
        return liveAfterGc.get();
    }

    /** The largest committed heap since {@link #reset} (summed pool peaks: an upper bound). */
    long committedBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getCommitted();
            }
        }
        return sum;
    }

    long gcMillisSinceReset() {
        return gcMillis() - gcMillisAtReset;
    }

    long gcCountSinceReset() {
        return gcCount() - gcCountAtReset;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
