package dev.spikeforge.runtime.sim.bench;

import java.lang.management.ManagementFactory;

/**
 * Heap in use after garbage collection: an approximate, JVM-level cross-check of computed memory
 * figures.
 */
final class HeapMeter {
    private HeapMeter() {}

    static long usedAfterGc() {
        long last = Long.MAX_VALUE;
        // Several rounds: one System.gc() may leave garbage a later collection frees.
        for (int i = 0; i < 4; i++) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= last) return Math.min(used, last);
            last = used;
        }
        return last;
    }
}
