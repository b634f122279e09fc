package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.runtime.sim.neuron.NeuronKernel;

/**
 * One layer's immutable parameters in the simulator's layout (shared by every simulator of a
 * model).
 */
final class LayerModel {
    final int index;
    final String name;
    final int size;
    final int source;
    final boolean readout;
    final NeuronKernel kernel;

    /** Effective bias per neuron, null when all are zero. */
    final int[] bias;

    final int[] coreOf;
    final Segments segments;

    /** Connections into this layer; filled by the model once all layers exist. */
    Connection[] incoming = new Connection[0];

    /** Length of the delay line: the longest incoming delay (slot t % ring is read on step t). */
    int ring = 1;

    LayerModel(int index, CompiledLayer layer, int[] coreOf, int threads) {
        this.index = index;
        this.name = layer.getName();
        this.size = layer.getSize();
        this.source = layer.getSource();
        this.readout = layer.getNeuron().getReadout();
        try {
            this.kernel = NeuronKernel.of(layer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + name + "': " + e.getMessage(), e);
        }
        this.bias = bias(layer);
        this.coreOf = coreOf;
        this.segments = new Segments(size, threads, coreOf, bias);
    }

    /** Effective biases; bias_mant's length and ranges were checked by the artifact validator. */
    private int[] bias(CompiledLayer layer) {
        int[] b = null;
        for (int n = 0; n < layer.getBiasMantCount(); n++) {
            int eff = FixedPoint.effectiveBias(layer.getBiasMant(n), layer.getBiasExp());
            if (eff != 0) {
                if (b == null) b = new int[size];
                b[n] = eff;
            }
        }
        return b;
    }

    void addIncoming(Connection c) {
        Connection[] a = java.util.Arrays.copyOf(incoming, incoming.length + 1);
        a[incoming.length] = c;
        incoming = a;
        ring = Math.max(ring, c.delay);
    }
}
