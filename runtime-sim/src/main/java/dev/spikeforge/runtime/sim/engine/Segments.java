package dev.spikeforge.runtime.sim.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A layer's neurons cut into partitions (one per unit of thread work, at most 65,536 neurons,
 * aligned to {@link #CHUNK}) and each partition into segments that lie in one core and one chunk:
 * the unit at which idle neurons are skipped and activity is charged to a core.
 */
final class Segments {
    static final int CHUNK = 64;

    final int[] bounds;
    final int[] segStart;
    final int[] from;
    final int[] to;
    final int[] core;
    final boolean[] biased;

    Segments(int size, int threads, int[] coreOf, int[] bias) {
        int chunks = (size + CHUNK - 1) / CHUNK;
        int perPartitionMax =
                dev.spikeforge.runtime.sim.synapse.SynapsePartition.MAX_LENGTH / CHUNK;
        int minParts = Math.max(1, (chunks + perPartitionMax - 1) / perPartitionMax);
        // As few partitions as threads allow: each partition costs every spike a row lookup (a
        // likely cache miss),
        // so every partition beyond what the threads need slows a single thread
        // (docs/benchmarks.md, "Two threads").
        int parts = threads * ((minParts + threads - 1) / threads);
        bounds = new int[parts + 1];
        for (int p = 0; p <= parts; p++)
            bounds[p] = Math.min(size, (int) ((long) chunks * p / parts) * CHUNK);
        List<int[]> segs = new ArrayList<>();
        segStart = new int[parts + 1];
        for (int p = 0; p < parts; p++) {
            segStart[p] = segs.size();
            int n = bounds[p];
            while (n < bounds[p + 1]) {
                int end = Math.min(bounds[p + 1], (n / CHUNK + 1) * CHUNK);
                int c = coreOf[n], e = n + 1;
                while (e < end && coreOf[e] == c) e++;
                segs.add(new int[] {n, e, c});
                n = e;
            }
        }
        segStart[parts] = segs.size();
        from = new int[segs.size()];
        to = new int[segs.size()];
        core = new int[segs.size()];
        biased = new boolean[segs.size()];
        for (int s = 0; s < segs.size(); s++) {
            from[s] = segs.get(s)[0];
            to[s] = segs.get(s)[1];
            core[s] = segs.get(s)[2];
            if (bias != null) for (int n = from[s]; n < to[s]; n++) biased[s] |= bias[n] != 0;
        }
    }

    int partitions() {
        return bounds.length - 1;
    }

    int count() {
        return from.length;
    }
}
