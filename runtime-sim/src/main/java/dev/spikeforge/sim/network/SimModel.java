package dev.spikeforge.sim.network;

import dev.spikeforge.artifact.validate.ArtifactValidator;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.Route;
import dev.spikeforge.sim.synapse.SynapseList;
import dev.spikeforge.sim.synapse.SynapsePartition;
import dev.spikeforge.sim.synapse.SynapseTables;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled network checked and laid out for simulation: neuron kernels, synapse tables split into partitions,
 * core map and routing costs. Immutable, so any number of {@link Simulator}s (e.g. one per thread over
 * independent samples) can share one model and its synapse memory.
 */
public final class SimModel {
    final CompiledNetwork network;
    final SimOptions options;
    final LayerModel[] layers;
    final int inputSize;
    final int cores;
    final long[] hopsPerSpike;
    final long inputHopsPerSpike;
    /** outgoing[s + 1]: connections reading source s (-1 = host input). */
    final Connection[][] outgoing;
    private final long denseMacs;

    private SimModel(CompiledNetwork network, SimOptions options) {
        // Every number the layout below trusts (sizes, wiring, ranges, the core map) is checked here, in one place.
        ArtifactValidator.requireValid(network);
        MemoryEstimate.requireFits(network, options);
        // Keep the description only: the synapses live in the tables, and a 10^7-synapse proto would triple memory.
        this.network = withoutSynapses(network);
        this.denseMacs = denseMacs(network);
        this.options = options;
        int n = network.getLayersCount();
        this.inputSize = network.getInputSize();
        this.cores = network.getCoresCount();
        int[][] coreOf = coreAssignment(network);
        this.layers = new LayerModel[n];
        for (int l = 0; l < n; l++) layers[l] = new LayerModel(l, network.getLayers(l), coreOf[l], options.threads());
        List<List<Connection>> out = new ArrayList<>();
        for (int s = 0; s <= n; s++) out.add(new ArrayList<>());
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = network.getLayers(l);
            LayerModel m = layers[l];
            Connection ff = new Connection(cl.getSource(), l, 1 + cl.getAxonDelay(),
                    table("layer '" + m.name + "'", feedForward(cl), m));
            m.addIncoming(ff);
            out.get(cl.getSource() + 1).add(ff);
            SynapseList rec = recurrent(cl);
            if (rec != null) {
                Connection rc = new Connection(l, l, 1, table("layer '" + m.name + "' recurrent", rec, m));
                m.addIncoming(rc);
                out.get(l + 1).add(rc);
            }
        }
        this.outgoing = out.stream().map(c -> c.toArray(new Connection[0])).toArray(Connection[][]::new);
        this.hopsPerSpike = new long[cores];
        long fromHost = 0;
        for (Route r : network.getRoutesList()) {
            if (r.getSrcCore() < 0) fromHost += r.getHops();
            else hopsPerSpike[r.getSrcCore()] += r.getHops();
        }
        this.inputHopsPerSpike = fromHost;
    }

    private static CompiledNetwork withoutSynapses(CompiledNetwork net) {
        CompiledNetwork.Builder b = net.toBuilder();
        for (int l = 0; l < b.getLayersCount(); l++) {
            b.setLayers(l, b.getLayers(l).toBuilder().clearWeights().clearRecurrentWeights().clearSparseWeights().clearSparseRecurrentWeights());
        }
        return b.build();
    }

    /** One MAC per weight of the dense equivalent: fan_in × size per layer, plus size × size when recurrent. */
    private static long denseMacs(CompiledNetwork net) {
        long macs = 0;
        for (CompiledLayer l : net.getLayersList()) {
            macs += (long) l.getFanIn() * l.getSize();
            if (l.getRecurrentWeightsCount() > 0 || l.hasSparseRecurrentWeights()) macs += (long) l.getSize() * l.getSize();
        }
        return macs;
    }

    /** Checks and lays out a compiled network with default options (one thread, kernel chosen per connection). */
    public static SimModel of(CompiledNetwork network) {
        return new SimModel(network, SimOptions.DEFAULT);
    }

    public static SimModel of(CompiledNetwork network, SimOptions options) {
        return new SimModel(network, options);
    }

    private SynapsePartition[] table(String what, SynapseList list, LayerModel m) {
        return SynapseTables.build(what, list, m.segments.bounds, options.kernel());
    }

    private static SynapseList feedForward(CompiledLayer cl) {
        String what = "layer '" + cl.getName() + "'";
        if (cl.hasSparseWeights()) return SynapseList.sparse(cl.getSize(), cl.getFanIn(), cl.getSparseWeights());
        return SynapseList.dense(what + " weights", cl.getSize(), cl.getFanIn(), cl.getWeightsList());
    }

    private static SynapseList recurrent(CompiledLayer cl) {
        String what = "layer '" + cl.getName() + "'";
        if (cl.hasSparseRecurrentWeights()) return SynapseList.sparse(cl.getSize(), cl.getSize(), cl.getSparseRecurrentWeights());
        if (cl.getRecurrentWeightsCount() == 0) return null;
        return SynapseList.dense(what + " recurrent_weights", cl.getSize(), cl.getSize(), cl.getRecurrentWeightsList());
    }

    /** Core of every neuron, from the compiled core list (the validator made sure each neuron is on exactly one). */
    private static int[][] coreAssignment(CompiledNetwork net) {
        int[][] coreOf = new int[net.getLayersCount()][];
        for (int l = 0; l < coreOf.length; l++) coreOf[l] = new int[net.getLayers(l).getSize()];
        for (int c = 0; c < net.getCoresCount(); c++) {
            Core core = net.getCores(c);
            java.util.Arrays.fill(coreOf[core.getLayer()], core.getNeuronBegin(), core.getNeuronEnd(), c);
        }
        return coreOf;
    }

    /** The network's description (profile, layer parameters, cores, routes) without its synapse arrays. */
    public CompiledNetwork network() {
        return network;
    }

    /**
     * Multiply-accumulates per inference of the equivalent dense ANN: Σ fan_in × size over layers, plus size × size
     * for recurrent ones.
     */
    public long denseMacsPerInference() {
        return denseMacs;
    }

    public SimOptions options() {
        return options;
    }

    public int inputs() {
        return inputSize;
    }

    public int layerCount() {
        return layers.length;
    }

    public String layerName(int l) {
        return layers[l].name;
    }

    public int layerSize(int l) {
        return layers[l].size;
    }

    /** Index of the layer with this name; the error lists the names there are. */
    public int layerIndex(String name) {
        for (LayerModel m : layers) if (m.name.equals(name)) return m.index;
        List<String> names = new ArrayList<>();
        for (LayerModel m : layers) names.add(m.name);
        throw new IllegalArgumentException("no layer named '" + name + "'; layers: " + names);
    }

    public int cores() {
        return cores;
    }

    /** Core holding neuron n of layer l. */
    public int coreOf(int l, int n) {
        return layers[l].coreOf[n];
    }

    /** Synapses stored in the simulator (all connections). */
    public long synapses() {
        long s = 0;
        for (LayerModel m : layers) for (Connection c : m.incoming) s += c.synapses();
        return s;
    }

    /** Bytes of synapse storage: weights, target indices and per-source offsets of every connection. */
    public long synapseBytes() {
        long b = 0;
        for (LayerModel m : layers) for (Connection c : m.incoming) b += c.bytes();
        return b;
    }

    /**
     * The synapse layouts of the feed-forward connection into layer l, one per distinct layout of its partitions
     * (e.g. "sparse_delta8"; see {@link dev.spikeforge.sim.synapse.KernelChoice}).
     */
    public List<String> synapseLayouts(int l) {
        List<String> out = new ArrayList<>();
        for (SynapsePartition p : layers[l].incoming[0].parts) if (!out.contains(p.layout())) out.add(p.layout());
        return out;
    }

    /** Whether the feed-forward connection into layer l uses dense rows (else the event kernel). */
    public boolean denseKernel(int l) {
        return layers[l].incoming[0].parts[0] instanceof dev.spikeforge.sim.synapse.DensePartition;
    }
}
