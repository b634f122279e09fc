package dev.spikeforge.sim.synapse;

import dev.spikeforge.proto.SparseWeights;

import java.util.List;

/** The synapses of one connection as the compiled network states them, dense or sparse, visited one by one. */
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
            throw new IllegalArgumentException(what + " has " + rowMajor.size() + " entries, size × fan_in = "
                    + targets + " × " + sources + " = " + (long) targets * sources);
        }
        int[] w = rowMajor.stream().mapToInt(Integer::intValue).toArray();
        return new SynapseList() {
            public int sources() { return sources; }
            public int targets() { return targets; }
            public void forEach(Visitor v) {
                // Target-major storage, visited source-major so each source's targets come in ascending order.
                for (int i = 0; i < sources; i++)
                    for (int n = 0; n < targets; n++) {
                        int x = w[n * sources + i];
                        if (x != 0) v.synapse(i, n, x);
                    }
            }
        };
    }

    /** CSR by source (SparseWeights), validated against the layer's shape. */
    static SynapseList sparse(String what, int targets, int sources, SparseWeights s) {
        if (s.getSourceStartCount() != sources + 1) {
            throw new IllegalArgumentException(what + ".source_start has " + s.getSourceStartCount()
                    + " entries, expected fan_in + 1 = " + (sources + 1));
        }
        if (s.getTargetCount() != s.getWeightCount()) {
            throw new IllegalArgumentException(what + " has " + s.getTargetCount() + " targets but " + s.getWeightCount() + " weights");
        }
        if (s.getSourceStart(0) != 0 || Integer.toUnsignedLong(s.getSourceStart(sources)) != s.getTargetCount()) {
            throw new IllegalArgumentException(what + ".source_start must start at 0 and end at the synapse count "
                    + s.getTargetCount() + ", found " + Integer.toUnsignedString(s.getSourceStart(0)) + " .. "
                    + Integer.toUnsignedString(s.getSourceStart(sources)));
        }
        int[] lastSource = new int[targets];
        java.util.Arrays.fill(lastSource, -1);
        for (int i = 0; i < sources; i++) {
            int from = s.getSourceStart(i), to = s.getSourceStart(i + 1);
            if (Integer.compareUnsigned(from, to) > 0) {
                throw new IllegalArgumentException(what + ".source_start decreases at source " + i + " (" + from + " > " + to + ")");
            }
            for (int k = from; k < to; k++) {
                int t = s.getTarget(k);
                if (t < 0 || t >= targets) {
                    throw new IllegalArgumentException(what + ": synapse " + k + " of source " + i + " targets neuron "
                            + Integer.toUnsignedString(t) + ", the layer has " + targets + " (0.." + (targets - 1) + ")");
                }
                if (lastSource[t] == i) throw new IllegalArgumentException(what + ": source " + i + " connects to neuron " + t + " twice");
                lastSource[t] = i;
            }
        }
        return new SynapseList() {
            public int sources() { return sources; }
            public int targets() { return targets; }
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
