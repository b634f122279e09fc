package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.artifact.validate.ArtifactValidator;
import dev.spikeforge.runtime.sim.cost.AnnWork;
import dev.spikeforge.runtime.sim.cost.Bound;
import dev.spikeforge.runtime.sim.cost.ChipClock;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import dev.spikeforge.runtime.sim.cost.ChipGeometry;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.synapse.SynapseList;
import dev.spikeforge.runtime.sim.synapse.SynapsePartition;
import dev.spikeforge.runtime.sim.synapse.SynapseTables;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled network checked and laid out for simulation: neuron kernels, synapse tables split into
 * partitions, core map and routing costs. Immutable, so any number of {@link Simulator}s (e.g. one
 * per thread over independent samples) can share one model and its synapse memory.
 */
public final class SimModel {
    final CompiledNetwork network;
    final SimOptions options;
    final LayerModel[] layers;
    final int inputSize;
    final int cores;

    /** outgoing[s + 1]: connections reading source s (-1 = host input). */
    final Connection[][] outgoing;

    /**
     * destinations[s + 1]: per connection reading source s (-1 = host input), the cores its spikes
     * reach.
     */
    final Destinations[][] destinations;

    /** Neurons mapped on each core (each is accessed every step). */
    final long[] neuronsOnCore;

    final int[] layerOfCore;
    final ChipCosts costs;
    final ChipGeometry geometry;

    /** Longest message trip of each core's spikes, [bound][core], and of host input, [bound]. */
    private final long[][] coreTripFs;

    private final long[] hostTripFs;
    private final AnnWork annWork;

    private SimModel(CompiledNetwork network, SimOptions options) {
        // Every number the layout below trusts (sizes, wiring, ranges, the core map) is checked
        // here, in one place.
        ArtifactValidator.requireValid(network);
        MemoryEstimate.requireFits(network, options);
        // Keep the description only: the synapses live in the tables, and a 10^7-synapse proto
        // would triple memory.
        this.network = withoutSynapses(network);
        this.annWork = AnnWork.of(network);
        this.options = options;
        int n = network.getLayersCount();
        this.inputSize = network.getInputSize();
        this.cores = Math.max(1, network.getCoresCount());
        this.costs = ChipCosts.of(network.getProfile());
        this.geometry = ChipGeometry.of(network);
        int[][] coreOf = coreAssignment(network, cores);
        this.layers = new LayerModel[n];
        for (int l = 0; l < n; l++)
            layers[l] = new LayerModel(l, network.getLayers(l), coreOf[l], options.threads());
        List<List<Connection>> out = new ArrayList<>();
        List<List<Destinations>> reach = new ArrayList<>();
        for (int s = 0; s <= n; s++) {
            out.add(new ArrayList<>());
            reach.add(new ArrayList<>());
        }
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = network.getLayers(l);
            LayerModel m = layers[l];
            SynapseList ffList = feedForward(cl);
            EventKind kind = SynapseKinds.of(cl, network.getProfile(), false);
            // One table per kind of source (binary, graded), shared by every source of that kind:
            // each source is a
            // connection through the same weights (a residual layer's skip), summed into one
            // dendritic input.
            SynapsePartition[][] tables = new SynapsePartition[2][];
            for (int src : sources(cl)) {
                boolean graded = graded(network, src);
                int g = graded ? 1 : 0;
                if (tables[g] == null)
                    tables[g] = table("layer '" + m.name + "'", ffList, m, graded);
                Connection ff = new Connection(src, l, 1 + cl.getAxonDelay(), tables[g], graded);
                m.addIncoming(ff);
                out.get(src + 1).add(ff);
                reach.get(src + 1)
                        .add(
                                Destinations.of(
                                        ffList,
                                        src < 0 ? null : coreOf[src],
                                        coreOf[l],
                                        cl.getOnHost() ? EventKind.HOST_MAC : kind,
                                        graded,
                                        cores,
                                        geometry));
            }
            SynapseList rec = recurrent(cl);
            if (rec != null) {
                boolean graded = graded(network, l);
                Connection rc =
                        new Connection(
                                l,
                                l,
                                1,
                                table("layer '" + m.name + "' recurrent", rec, m, graded),
                                graded);
                m.addIncoming(rc);
                out.get(l + 1).add(rc);
                reach.get(l + 1)
                        .add(
                                Destinations.of(
                                        rec,
                                        coreOf[l],
                                        coreOf[l],
                                        SynapseKinds.of(cl, network.getProfile(), true),
                                        graded,
                                        cores,
                                        geometry));
            }
        }
        this.outgoing =
                out.stream().map(c -> c.toArray(new Connection[0])).toArray(Connection[][]::new);
        this.destinations =
                reach.stream()
                        .map(d -> d.toArray(new Destinations[0]))
                        .toArray(Destinations[][]::new);
        // Per column (the cores, then the host): neurons accessed every step; the host's layer is
        // charged per update.
        this.neuronsOnCore = new long[cores + 1];
        this.layerOfCore = new int[cores];
        for (int l = 0; l < n; l++) for (int c : coreOf[l]) if (c < cores) neuronsOnCore[c]++;
        for (int c = 0; c < network.getCoresCount(); c++)
            layerOfCore[c] = network.getCores(c).getLayer();
        long[][] trips = longestTrips();
        this.coreTripFs = new long[][] {trips[0], trips[1], trips[2]};
        this.hostTripFs = trips[3];
    }

    private static CompiledNetwork withoutSynapses(CompiledNetwork net) {
        CompiledNetwork.Builder b = net.toBuilder();
        for (int l = 0; l < b.getLayersCount(); l++) {
            b.setLayers(
                    l,
                    b.getLayers(l).toBuilder()
                            .clearWeights()
                            .clearRecurrentWeights()
                            .clearSparseWeights()
                            .clearSparseRecurrentWeights());
        }
        return b.build();
    }

    /**
     * Checks and lays out a compiled network with default options (one thread, kernel chosen per
     * connection).
     */
    public static SimModel of(CompiledNetwork network) {
        return new SimModel(network, SimOptions.DEFAULT);
    }

    public static SimModel of(CompiledNetwork network, SimOptions options) {
        return new SimModel(network, options);
    }

    private SynapsePartition[] table(String what, SynapseList list, LayerModel m, boolean graded) {
        return SynapseTables.build(what, list, m.segments.bounds, options.kernel(), graded);
    }

    /** Every source a layer reads (-1: the input): its `sources`, or its one `source`. */
    static List<Integer> sources(CompiledLayer cl) {
        return cl.getSourcesCount() > 0 ? cl.getSourcesList() : List.of(cl.getSource());
    }

    /**
     * Whether source s's spikes carry payloads: graded host input, or a layer of graded neurons.
     */
    private static boolean graded(CompiledNetwork net, int s) {
        if (s < 0)
            return net.hasInputPayload()
                    && net.getInputPayload().getMode() != InputMode.INPUT_SPIKES;
        return net.getLayers(s).getNeuron().getGraded();
    }

    /**
     * Width of the input payloads: the declared bits for graded or host input, 0 for binary input
     * spikes.
     */
    public int inputPayloadBits() {
        return inputPayloadBits(network);
    }

    /** {@link #inputPayloadBits()} of a network, without building its model. */
    public static int inputPayloadBits(CompiledNetwork net) {
        return graded(net, -1) ? net.getInputPayload().getBits() : 0;
    }

    private static SynapseList feedForward(CompiledLayer cl) {
        String what = "layer '" + cl.getName() + "'";
        if (cl.hasSparseWeights())
            return SynapseList.sparse(cl.getSize(), cl.getFanIn(), cl.getSparseWeights());
        return SynapseList.dense(
                what + " weights", cl.getSize(), cl.getFanIn(), cl.getWeightsList());
    }

    private static SynapseList recurrent(CompiledLayer cl) {
        String what = "layer '" + cl.getName() + "'";
        if (cl.hasSparseRecurrentWeights())
            return SynapseList.sparse(cl.getSize(), cl.getSize(), cl.getSparseRecurrentWeights());
        if (cl.getRecurrentWeightsCount() == 0) return null;
        return SynapseList.dense(
                what + " recurrent_weights",
                cl.getSize(),
                cl.getSize(),
                cl.getRecurrentWeightsList());
    }

    /**
     * Core of every neuron, from the compiled core list (the validator made sure each neuron is on
     * exactly one).
     */
    private static int[][] coreAssignment(CompiledNetwork net, int host) {
        int[][] coreOf = new int[net.getLayersCount()][];
        for (int l = 0; l < coreOf.length; l++) {
            coreOf[l] = new int[net.getLayers(l).getSize()];
            // A layer the host computes sits on no core: its neurons are the host's.
            if (net.getLayers(l).getOnHost()) java.util.Arrays.fill(coreOf[l], host);
        }
        for (int c = 0; c < net.getCoresCount(); c++) {
            Core core = net.getCores(c);
            java.util.Arrays.fill(
                    coreOf[core.getLayer()], core.getNeuronBegin(), core.getNeuronEnd(), c);
        }
        return coreOf;
    }

    /**
     * The network's description (profile, layer parameters, cores, routes) without its synapse
     * arrays.
     */
    public CompiledNetwork network() {
        return network;
    }

    /** What the equivalent ANN computes and reads per inference (see {@link AnnWork}). */
    public AnnWork annWork() {
        return annWork;
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

    /** The profile's cost model (energy and latency per event, pacing, static power). */
    public ChipCosts costs() {
        return costs;
    }

    public ChipGeometry geometry() {
        return geometry;
    }

    /** Layer whose neurons core c holds. */
    public int layerOfCore(int c) {
        return layerOfCore[c];
    }

    /** Neurons mapped on core c. */
    public int neuronsOnCore(int c) {
        return (int) neuronsOnCore[c];
    }

    /**
     * A clock for one simulator (its own accumulators over the model's figures and trip lengths),
     * or an empty one to add the totals of runs elsewhere into.
     */
    public ChipClock newClock() {
        return new ChipClock(costs, geometry, layerOfCore, coreTripFs, hostTripFs);
    }

    /**
     * Each core's longest message trip at each bound, [bound][core], and the host's last: what the
     * clock adds per step.
     */
    private long[][] longestTrips() {
        long[][] coreMax = new long[4][];
        for (int b = 0; b < 3; b++) coreMax[b] = new long[cores];
        long[] hostMax = new long[3];
        coreMax[3] = hostMax;
        for (int g = 0; g < destinations.length; g++) {
            int[] coreOf = g == 0 ? null : layers[g - 1].coreOf;
            for (Destinations d : destinations[g]) {
                if (d.toHost) continue;
                for (int i = 0; i + 1 < d.start.length; i++) {
                    int from = coreOf == null || coreOf[i] == cores ? -1 : coreOf[i];
                    for (int e = d.start[i]; e < d.start[i + 1]; e++) {
                        int h = geometry.hops(from, d.coreOf(e));
                        for (Bound b : Bound.ALL) {
                            long fs = tripFs(h, b);
                            if (from < 0) hostMax[b.ordinal()] = Math.max(hostMax[b.ordinal()], fs);
                            else
                                coreMax[b.ordinal()][from] =
                                        Math.max(coreMax[b.ordinal()][from], fs);
                        }
                    }
                }
            }
        }
        return coreMax;
    }

    /** How long a message takes over packed hops h at a bound. */
    private long tripFs(int h, Bound b) {
        return ChipGeometry.hopsX(h) * costs.latencyFs(b, EventKind.HOP_X)
                + ChipGeometry.hopsY(h) * costs.latencyFs(b, EventKind.HOP_Y)
                + ChipGeometry.chipHops(h) * costs.latencyFs(b, EventKind.CHIP_HOP);
    }

    /** Messages a spike of every source costs, summed (the per-step accounting's table size). */
    public long destinationEntries() {
        long e = 0;
        for (Destinations[] group : destinations) for (Destinations d : group) e += d.entries();
        return e;
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

    /**
     * Bytes of synapse storage: weights, target indices and per-source offsets of every connection.
     */
    public long synapseBytes() {
        long b = 0;
        for (LayerModel m : layers) for (Connection c : m.incoming) b += c.bytes();
        return b;
    }

    /**
     * The synapse layouts of the feed-forward connection into layer l, one per distinct layout of
     * its partitions (e.g. "sparse_delta8"; see {@link
     * dev.spikeforge.runtime.sim.synapse.KernelChoice}).
     */
    public List<String> synapseLayouts(int l) {
        List<String> out = new ArrayList<>();
        for (SynapsePartition p : layers[l].incoming[0].parts)
            if (!out.contains(p.layout())) out.add(p.layout());
        return out;
    }

    /** Whether the feed-forward connection into layer l uses dense rows (else the event kernel). */
    public boolean denseKernel(int l) {
        return layers[l].incoming[0].parts[0]
                instanceof dev.spikeforge.runtime.sim.synapse.DensePartition;
    }
}
