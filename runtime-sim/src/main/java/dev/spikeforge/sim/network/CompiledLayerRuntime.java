package dev.spikeforge.sim.network;

import dev.spikeforge.neuron.FixedLif;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.ResetMode;

/** One layer's parameters and state in the simulator's layout. */
final class CompiledLayerRuntime {
    final String name;
    final int size;
    final int source;
    final int weightExp;
    final boolean readout;
    final FixedLif neuron;
    final int[] bias;
    final SynapseTable synapses;
    final int[] coreOfNeuron;

    final int[] u;
    final int[] v;
    final boolean[] spikes;
    /** Dendritic sums delivered this step (produced last step) and being produced this step. */
    int[] delivered;
    int[] accumulating;

    CompiledLayerRuntime(CompiledLayer layer, int[] coreOfNeuron) {
        this.name = layer.getName();
        this.size = layer.getSize();
        this.source = layer.getSource();
        this.weightExp = layer.getWeightExp();
        this.readout = layer.getNeuron().getReadout();
        var p = layer.getNeuron();
        this.neuron = new FixedLif(p.getDu(), p.getDv(), p.getVthMant(),
                p.getReset() == ResetMode.RESET_BY_SUBTRACTION ? Reset.BY_SUBTRACTION : Reset.TO_ZERO);
        if (layer.getWeightsCount() != size * layer.getFanIn()) {
            throw new IllegalArgumentException("layer '" + name + "': weights has " + layer.getWeightsCount()
                    + " entries, size × fan_in = " + size + " × " + layer.getFanIn() + " = " + (long) size * layer.getFanIn());
        }
        this.synapses = SynapseTable.fromDense(size, layer.getFanIn(), layer.getWeightsList());
        if (layer.getBiasMantCount() != 0 && layer.getBiasMantCount() != size) {
            throw new IllegalArgumentException("layer '" + name + "': bias_mant has " + layer.getBiasMantCount()
                    + " entries, expected 0 or " + size);
        }
        int[] b = null;
        for (int n = 0; n < layer.getBiasMantCount(); n++) {
            int eff = FixedPoint.effectiveBias(layer.getBiasMant(n), layer.getBiasExp());
            if (eff != 0) {
                if (b == null) b = new int[size];
                b[n] = eff;
            }
        }
        this.bias = b;
        this.coreOfNeuron = coreOfNeuron;
        this.u = new int[size];
        this.v = new int[size];
        this.spikes = new boolean[size];
        this.delivered = new int[size];
        this.accumulating = new int[size];
    }

    void reset() {
        java.util.Arrays.fill(u, 0);
        java.util.Arrays.fill(v, 0);
        java.util.Arrays.fill(spikes, false);
        java.util.Arrays.fill(delivered, 0);
        java.util.Arrays.fill(accumulating, 0);
    }

    /** Makes last step's sums this step's input and starts a fresh accumulator. */
    void advanceDelay() {
        int[] t = delivered;
        delivered = accumulating;
        accumulating = t;
        java.util.Arrays.fill(accumulating, 0);
    }
}
