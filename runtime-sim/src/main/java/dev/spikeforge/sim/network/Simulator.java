package dev.spikeforge.sim.network;

import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.Route;

import java.util.ArrayList;
import java.util.List;

/**
 * Event-driven, bit-exact execution of a compiled network in the Loihi-family fixed-point semantics
 * ({@link dev.spikeforge.neuron.FixedLif}). Per step only the fan-out of sources that spiked is visited; every
 * connection delays by one step. Not thread-safe: one simulator per sample stream.
 */
public final class Simulator {
    private final CompiledNetwork network;
    private final CompiledLayerRuntime[] layers;
    private final SynapseTable inputSynapses;
    private final int inputSize;
    /** consumers[l + 1] = layers whose source is l (index 0 for the host input). */
    private final int[][] consumers;
    private final long[] hopsPerSpike;
    private final long inputHopsPerSpike;
    private final ActivityCounters counters;
    private final StepOutput output;
    private final int[] inputCoreOfNeuron;
    private int step;

    public Simulator(CompiledNetwork network) {
        this.network = network;
        int n = network.getLayersCount();
        if (n == 0) throw new IllegalArgumentException("compiled network '" + network.getName() + "' has no layers");
        int cores = Math.max(1, network.getCoresCount());
        int[][] coreOf = coreAssignment(network);
        this.layers = new CompiledLayerRuntime[n];
        for (int l = 0; l < n; l++) {
            var cl = network.getLayers(l);
            if (cl.getSource() < -1 || cl.getSource() >= l) {
                throw new IllegalArgumentException("layer " + l + " ('" + cl.getName() + "'): source " + cl.getSource()
                        + " must be -1 (input) or an earlier layer");
            }
            layers[l] = new CompiledLayerRuntime(cl, coreOf[l]);
        }
        this.inputSize = network.getInputSize();
        CompiledLayerRuntime first = layers[0];
        if (first.source != -1 || first.synapses.sources() != inputSize) {
            throw new IllegalArgumentException("layer 0 must read the " + inputSize + " input axons (source -1, fan_in "
                    + inputSize + "), found source " + first.source + ", fan_in " + first.synapses.sources());
        }
        this.inputSynapses = first.synapses;
        this.inputCoreOfNeuron = first.coreOfNeuron;
        List<List<Integer>> cons = new ArrayList<>();
        for (int i = 0; i <= n; i++) cons.add(new ArrayList<>());
        for (int l = 0; l < n; l++) cons.get(layers[l].source + 1).add(l);
        this.consumers = cons.stream().map(c -> c.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        this.hopsPerSpike = new long[cores];
        long fromHost = 0;
        for (Route r : network.getRoutesList()) {
            if (r.getSrcCore() < 0) fromHost += r.getHops();
            else hopsPerSpike[r.getSrcCore()] += r.getHops();
        }
        this.inputHopsPerSpike = fromHost;
        this.counters = new ActivityCounters(cores);
        CompiledLayerRuntime last = layers[n - 1];
        this.output = new StepOutput(last.size, last.readout);
    }

    /** Core of every neuron, from the compiled core list; a network without cores runs as one core. */
    private static int[][] coreAssignment(CompiledNetwork net) {
        int[][] coreOf = new int[net.getLayersCount()][];
        for (int l = 0; l < coreOf.length; l++) coreOf[l] = new int[net.getLayers(l).getSize()];
        if (net.getCoresCount() == 0) return coreOf;
        boolean[][] seen = new boolean[coreOf.length][];
        for (int l = 0; l < coreOf.length; l++) seen[l] = new boolean[coreOf[l].length];
        for (int c = 0; c < net.getCoresCount(); c++) {
            Core core = net.getCores(c);
            if (core.getId() != c) throw new IllegalArgumentException("cores[" + c + "].id is " + core.getId() + ", expected " + c);
            if (core.getLayer() >= coreOf.length || core.getNeuronEnd() > coreOf[core.getLayer()].length || core.getNeuronBegin() > core.getNeuronEnd()) {
                throw new IllegalArgumentException("core " + c + ": neuron range [" + core.getNeuronBegin() + ", " + core.getNeuronEnd()
                        + ") of layer " + core.getLayer() + " is outside the network");
            }
            for (int i = core.getNeuronBegin(); i < core.getNeuronEnd(); i++) {
                if (seen[core.getLayer()][i]) throw new IllegalArgumentException("neuron " + i + " of layer " + core.getLayer() + " is on two cores");
                seen[core.getLayer()][i] = true;
                coreOf[core.getLayer()][i] = c;
            }
        }
        for (int l = 0; l < seen.length; l++)
            for (int i = 0; i < seen[l].length; i++)
                if (!seen[l][i]) throw new IllegalArgumentException("neuron " + i + " of layer " + l + " is on no core");
        return coreOf;
    }

    public CompiledNetwork network() {
        return network;
    }

    public int inputs() {
        return inputSize;
    }

    public int outputs() {
        return layers[layers.length - 1].size;
    }

    public int layerCount() {
        return layers.length;
    }

    /** The step the next call to {@link #step} executes. */
    public int currentStep() {
        return step;
    }

    /** Clears neuron state and pending synaptic input (a new sample); counters are kept until cleared. */
    public void reset() {
        for (CompiledLayerRuntime l : layers) l.reset();
        step = 0;
    }

    public ActivityCounters counters() {
        return counters;
    }

    /**
     * Executes one step with the given input axons spiking ({@code inputSpikes[0 .. count)}). The returned object
     * is reused by the next call.
     */
    public StepOutput step(int[] inputSpikes, int count) {
        for (CompiledLayerRuntime l : layers) l.advanceDelay();
        // Host spikes of this step reach layer 0 on the next step, like every other connection.
        for (int k = 0; k < count; k++) {
            int a = inputSpikes[k];
            if (a < 0 || a >= inputSize) {
                throw new IllegalArgumentException("input spike to axon " + a + " at step " + step + ": the network has " + inputSize + " input axons");
            }
            for (int c : consumers[0]) {
                CompiledLayerRuntime dst = layers[c];
                dst.synapses.deliver(a, dst.accumulating, dst.coreOfNeuron, counters.synapticOps);
            }
        }
        counters.inputSpikes += count;
        counters.inputHops += count * inputHopsPerSpike;
        for (int l = 0; l < layers.length; l++) {
            CompiledLayerRuntime layer = layers[l];
            int[] in = layer.delivered;
            int exp = layer.weightExp;
            if (exp != 0) for (int i = 0; i < in.length; i++) in[i] = FixedPoint.applyWeightExponent(in[i], exp);
            countActiveNeurons(layer, in);
            layer.neuron.step(layer.u, layer.v, in, layer.bias, !layer.readout, layer.spikes, 0, layer.size);
            fanOut(l, layer);
        }
        CompiledLayerRuntime last = layers[layers.length - 1];
        output.capture(step, last.spikes, last.readout ? last.v : null);
        counters.steps++;
        step++;
        return output;
    }

    /** A neuron with no input, no bias and no state left is skipped by the hardware and costs no update. */
    private void countActiveNeurons(CompiledLayerRuntime layer, int[] in) {
        long[] updates = counters.neuronUpdates;
        int[] core = layer.coreOfNeuron;
        for (int i = 0; i < layer.size; i++) {
            if (in[i] != 0 || layer.u[i] != 0 || layer.v[i] != 0 || (layer.bias != null && layer.bias[i] != 0)) updates[core[i]]++;
        }
    }

    private void fanOut(int l, CompiledLayerRuntime layer) {
        if (layer.readout) return;
        int[] dsts = consumers[l + 1];
        boolean[] z = layer.spikes;
        int[] core = layer.coreOfNeuron;
        for (int i = 0; i < layer.size; i++) {
            if (!z[i]) continue;
            int c = core[i];
            counters.spikes[c]++;
            counters.hops[c] += hopsPerSpike[c];
            for (int d : dsts) {
                CompiledLayerRuntime dst = layers[d];
                dst.synapses.deliver(i, dst.accumulating, dst.coreOfNeuron, counters.synapticOps);
            }
        }
    }

    /** Membrane potentials of layer l (live view, for probes and tests). */
    public int[] voltages(int l) {
        return layers[l].v;
    }

    public int[] currents(int l) {
        return layers[l].u;
    }

    public boolean[] spikes(int l) {
        return layers[l].spikes;
    }
}
