package dev.spikeforge.runtime.sim.synapse;

import dev.spikeforge.proto.SparseWeights;
import java.util.List;

/**
 * The synapses of one connection as the compiled network states them, dense or sparse, visited one
 * by one.
 */
public interface SynapseList {
    /** Called once per stored (non-zero) synapse. */
    interface Visitor {
        void synapse(int source, int target, int weight);
    }

    int sources();

    int targets();

    /** Visits every synapse, each source's synapses in their stated order. */
    void forEach(Visitor v);

    /** Row-major [targets][sources] matrix, 0 = no synapse (CompiledLayer.weights). */
    static SynapseList dense(String what, int targets, int sources, List<Integer> rowMajor) {
        if ((long) targets * sources != rowMajor.size()) {
            throw new IllegalArgumentException(
                    what
                            + " has "
                            + rowMajor.size()
                            + " entries, size × fan_in = "
                            + targets
                            + " × "
                            + sources
                            + " = "
                            + (long) targets * sources);
        }
        int[] w = rowMajor.stream().mapToInt(Integer::intValue).toArray();
        return new SynapseList() {
            public int sources() {
                return sources;
            }

            public int targets() {
                return targets;
            }

            public void forEach(Visitor v) {
                // Target-major storage, visited source-major so each source's targets come in
                // ascending order.
                for (int i = 0; i < sources; i++)
                    for (int n = 0; n < targets; n++) {
                        int x = w[n * sources + i];
                        if (x != 0) v.synapse(i, n, x);
                    }
            }
        };
    }

    /**
     * CSR by source (SparseWeights), whose shape the artifact validator checked against the
     * layer's.
     */
    static SynapseList sparse(int targets, int sources, SparseWeights s) {
        return new SynapseList() {
            public int sources() {
                return sources;
            }

            public int targets() {
                return targets;
            }

            public void forEach(Visitor v) {
                for (int i = 0; i < sources; i++)
                    for (int k = s.getSourceStart(i), e = s.getSourceStart(i + 1); k < e; k++) {
                        int x = s.getWeight(k);
                        if (x != 0) v.synapse(i, s.getTarget(k), x);
                    }
            }
        };
    }
}
