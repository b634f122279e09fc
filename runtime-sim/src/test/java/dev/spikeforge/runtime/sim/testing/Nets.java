package dev.spikeforge.runtime.sim.testing;

import dev.spikeforge.proto.*;
import java.util.Random;

/**
 * Builders of small compiled networks for tests: single neurons with chosen parameters, and random
 * multi-layer nets.
 */
public final class Nets {
    private Nets() {}

    public static final EnergyModel ENERGY =
            EnergyModel.newBuilder()
                    .setSynapticOpJ(2e-12)
                    .setSpikeJ(3e-12)
                    .setNeuronUpdateJ(5e-12)
                    .setHopJ(7e-12)
                    .setStaticPowerPerCoreW(1e-3)
                    .setStepSeconds(1e-6)
                    .build();

    /** A profile that allows every model, refractory periods and delays up to 8 steps. */
    public static ChipProfile permissive() {
        return ChipProfile.newBuilder()
                .setName("permissive")
                .setEnergy(ENERGY)
                .addNeuronModels(NeuronModel.SHIFT_LIF)
                .addNeuronModels(NeuronModel.INTEGRATE_AND_FIRE)
                .setMaxRefractorySteps(8)
                .setMaxAxonDelay(8)
                .build();
    }

    /**
     * A figure with a ±range around its value (low = value × (1 - spread), high = value × (1 +
     * spread)).
     */
    public static Figure figure(double value, double spread) {
        return Figure.newBuilder()
                .setValue(value)
                .setLow(value * (1 - spread))
                .setHigh(value * (1 + spread))
                .setStatus(FigureStatus.PUBLISHED)
                .setSource("test figure")
                .build();
    }

    private static EventCost cost(double j, double s) {
        return EventCost.newBuilder()
                .setEnergyJ(figure(j, 0.1))
                .setLatencyS(figure(s, 0.2))
                .build();
    }

    /**
     * A cost model with a distinct energy and latency per event kind (so a test can tell them
     * apart): energies 1, 2, 3, ... pJ and latencies 1, 2, 3, ... ns in {@code EventKind} order,
     * static 2 mW per chip, 1 pJ per chip and step, a barrier of 100 ns for one tile and 200 ns
     * from two tiles on; ranges ±10 % (energy) and ±20 % (latency).
     */
    public static CostModel costModel(Pacing pacing, double periodS) {
        return CostModel.newBuilder()
                .setSynapticOpDense(cost(1e-12, 1e-9))
                .setSynapticOpSparse(cost(2e-12, 2e-9))
                .setSynapticOpConv(cost(3e-12, 3e-9))
                .setNeuronAccess(cost(4e-12, 4e-9))
                .setNeuronUpdate(cost(5e-12, 5e-9))
                .setSpike(cost(6e-12, 6e-9))
                .setMessageOut(cost(7e-12, 7e-9))
                .setMessageIn(cost(8e-12, 8e-9))
                .setHopX(cost(9e-12, 9e-9))
                .setHopY(cost(10e-12, 10e-9))
                .setChipHop(cost(11e-12, 11e-9))
                .setStaticPowerW(figure(2e-3, 0.5))
                .setStaticScope(StaticScope.PER_CHIP)
                .setStaticEnergyPerStepJ(figure(1e-12, 0))
                .setPacing(pacing)
                .setStepPeriodS(periodS > 0 ? figure(periodS, 0) : Figure.getDefaultInstance())
                .addSync(SyncTime.newBuilder().setTiles(1).setSeconds(figure(100e-9, 0.2)))
                .addSync(SyncTime.newBuilder().setTiles(2).setSeconds(figure(200e-9, 0.2)))
                .build();
    }

    /**
     * {@link #permissive()} with {@link #costModel} and an 8 × 8 mesh of 2 × 2-core tiles, 2 chips
     * side by side.
     */
    public static ChipProfile costed(Pacing pacing, double periodS) {
        return permissive().toBuilder()
                .setName("costed")
                .setCost(costModel(pacing, periodS))
                .setMeshWidth(8)
                .setMeshHeight(8)
                .setTileWidth(2)
                .setTileHeight(2)
                .setCoresPerChip(64)
                .setChips(2)
                .setChipsX(2)
                .build();
    }

    /** One input axon → one neuron with weight w and the given neuron parameters. */
    public static CompiledNetwork single(FixedLifParams.Builder neuron, int w) {
        return single(neuron, w, 0, 0);
    }

    public static CompiledNetwork single(
            FixedLifParams.Builder neuron, int w, int biasMant, int biasExp) {
        CompiledLayer.Builder l =
                CompiledLayer.newBuilder()
                        .setName("n")
                        .setSize(1)
                        .setSource(-1)
                        .setFanIn(1)
                        .setWeightBits(8)
                        .addWeights(w)
                        .setNeuron(neuron);
        if (biasMant != 0) l.addBiasMant(biasMant).setBiasExp(biasExp);
        return onCores(
                        CompiledNetwork.newBuilder()
                                .setName("single")
                                .setInputSize(1)
                                .setProfile(permissive())
                                .addLayers(l))
                .build();
    }

    /** Puts each layer on a core of its own (every neuron must be on exactly one core). */
    public static CompiledNetwork.Builder onCores(CompiledNetwork.Builder net) {
        net.clearCores();
        for (int l = 0; l < net.getLayersCount(); l++) {
            net.addCores(
                    Core.newBuilder()
                            .setId(l)
                            .setLayer(l)
                            .setNeuronBegin(0)
                            .setNeuronEnd(net.getLayers(l).getSize()));
        }
        return net;
    }

    /**
     * Random network: {@code sizes[0]} inputs, then one layer per further size, layer k reading
     * layer k-1. Weights in [-wMax, wMax] with the given density; the first hidden layer recurrent
     * when {@code recurrent}; neurons placed on cores of {@code perCore}, core k at (k mod 5, k div
     * 5); routes between consecutive layers' cores with 1–3 hops.
     */
    public static CompiledNetwork random(
            long seed,
            int[] sizes,
            double density,
            int wMax,
            boolean recurrent,
            int axonDelay,
            int refractory,
            NeuronModel model,
            int perCore) {
        Random r = new Random(seed);
        CompiledNetwork.Builder net =
                CompiledNetwork.newBuilder()
                        .setName("random-" + seed)
                        .setInputSize(sizes[0])
                        .setProfile(permissive());
        int coreId = 0;
        int[] firstCore = new int[sizes.length];
        int[] coreCount = new int[sizes.length];
        for (int l = 1; l < sizes.length; l++) {
            int size = sizes[l], fanIn = sizes[l - 1];
            boolean readout = l == sizes.length - 1 && seed % 2 == 0;
            FixedLifParams.Builder p =
                    FixedLifParams.newBuilder()
                            .setDu(r.nextInt(4096))
                            .setDv(r.nextInt(1024))
                            .setVthMant(20 + r.nextInt(200))
                            .setReadout(readout)
                            .setModel(model)
                            .setSynShift(1 + r.nextInt(6))
                            .setMemShift(1 + r.nextInt(6))
                            .setReset(
                                    r.nextBoolean()
                                            ? ResetMode.RESET_TO_ZERO
                                            : ResetMode.RESET_BY_SUBTRACTION)
                            .setRefractorySteps(readout ? 0 : refractory);
            CompiledLayer.Builder cl =
                    CompiledLayer.newBuilder()
                            .setName("L" + l)
                            .setSize(size)
                            .setSource(l - 2)
                            .setFanIn(fanIn)
                            .setWeightBits(8)
                            .setWeightExp(r.nextInt(3) - 1)
                            .setNeuron(p)
                            .setAxonDelay(l == 1 ? 0 : axonDelay);
            for (int i = 0; i < size * fanIn; i++)
                cl.addWeights(r.nextDouble() < density ? r.nextInt(2 * wMax + 1) - wMax : 0);
            if (r.nextBoolean()) {
                cl.setBiasExp(r.nextInt(3));
                for (int n = 0; n < size; n++)
                    cl.addBiasMant(r.nextInt(5) == 0 ? r.nextInt(41) - 20 : 0);
            }
            if (recurrent && l == 1)
                for (int i = 0; i < size * size; i++)
                    cl.addRecurrentWeights(r.nextDouble() < density / 2 ? r.nextInt(61) - 30 : 0);
            net.addLayers(cl);
            firstCore[l] = coreId;
            for (int b = 0; b < size; b += perCore) {
                // On a 5-wide mesh of one-core tiles, so messages between cores travel some hops.
                net.addCores(
                        Core.newBuilder()
                                .setId(coreId)
                                .setLayer(l - 1)
                                .setNeuronBegin(b)
                                .setNeuronEnd(Math.min(size, b + perCore))
                                .setX(coreId % 5)
                                .setY(coreId / 5));
                coreId++;
                coreCount[l]++;
            }
        }
        for (int c = 0; c < coreCount[1]; c++)
            net.addRoutes(
                    Route.newBuilder()
                            .setSrcCore(-1)
                            .setDstCore(firstCore[1] + c)
                            .setHops(1 + r.nextInt(3)));
        for (int l = 1; l + 1 < sizes.length; l++)
            for (int a = 0; a < coreCount[l]; a++)
                for (int b = 0; b < coreCount[l + 1]; b++)
                    net.addRoutes(
                            Route.newBuilder()
                                    .setSrcCore(firstCore[l] + a)
                                    .setDstCore(firstCore[l + 1] + b)
                                    .setHops(1 + r.nextInt(3)));
        return net.build();
    }

    /**
     * The network with per-neuron thresholds: every layer gets {@code vth_mants} drawn in [lo, hi],
     * and its per-layer {@code vth_mant} set to 0, which the simulator must then not read.
     */
    public static CompiledNetwork withPerNeuronThresholds(
            CompiledNetwork net, long seed, int lo, int hi) {
        Random r = new Random(seed * 17 + 3);
        CompiledNetwork.Builder b = net.toBuilder();
        for (int l = 0; l < b.getLayersCount(); l++) {
            CompiledLayer.Builder cl = b.getLayersBuilder(l);
            for (int n = 0; n < cl.getSize(); n++) cl.addVthMants(lo + r.nextInt(hi - lo + 1));
            cl.getNeuronBuilder().setVthMant(0);
        }
        return b.build();
    }

    /** Random input: each axon spikes with probability p on each step. */
    public static int[][] input(long seed, int inputs, int steps, double p) {
        Random r = new Random(seed * 31 + 7);
        int[][] s = new int[steps][];
        for (int t = 0; t < steps; t++)
            s[t] =
                    java.util.stream.IntStream.range(0, inputs)
                            .filter(i -> r.nextDouble() < p)
                            .toArray();
        return s;
    }
}
