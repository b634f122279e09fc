package dev.spikeforge.device.bridge;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.Route;
import java.util.Random;

/**
 * Small compiled networks made in code, so a device can be exercised without a trained model: the
 * smoke test of {@code deploy} with no MODEL, and the network of {@code bench bridge}. Weights are
 * seeded random values, sized so that the hidden layer spikes at the intended input rate.
 */
public final class BuiltinNetworks {
    /** Inputs of the smoke-test network. */
    public static final int SMOKE_INPUTS = 32;

    private BuiltinNetworks() {}

    /**
     * A stand-in profile with Loihi-like energy figures, for devices that run networks of any
     * profile.
     */
    public static ChipProfile anyProfile(String name) {
        return ChipProfile.newBuilder()
                .setName(name)
                .setDescription("built-in stand-in profile")
                .setNeuronsPerCore(1024)
                .setWeightBits(8)
                .setCoresPerChip(128)
                .setChips(1)
                .setMeshWidth(16)
                .setMeshHeight(8)
                .setEnergy(
                        EnergyModel.newBuilder()
                                .setSynapticOpJ(23.6e-12)
                                .setSpikeJ(1.7e-12)
                                .setNeuronUpdateJ(81e-12)
                                .setHopJ(4.1e-12)
                                .setStaticPowerPerCoreW(3.2e-5)
                                .setStepSeconds(1e-5))
                .build();
    }

    /**
     * 32 inputs, 24 LIF neurons, 4 readout neurons: the network {@code deploy} loads when given no
     * MODEL.
     */
    public static CompiledNetwork smokeTest(ChipProfile profile) {
        return dense("builtin-smoke", profile, SMOKE_INPUTS, 24, 4, true, 6, 7);
    }

    /**
     * A two-layer network: {@code inputs} axons, {@code hidden} LIF neurons, {@code outputs}
     * readout neurons (or spiking ones when not {@code readout}), each layer split over cores of
     * the profile's size. {@code eventsPerStep} is the input rate the hidden threshold is sized
     * for.
     */
    public static CompiledNetwork dense(
            String name,
            ChipProfile profile,
            int inputs,
            int hidden,
            int outputs,
            boolean readout,
            int eventsPerStep,
            long seed) {
        if (inputs <= 0 || hidden <= 0 || outputs <= 0)
            throw new IllegalArgumentException("layer sizes must be positive");
        Random r = new Random(seed);
        int perCore = profile.getNeuronsPerCore() > 0 ? profile.getNeuronsPerCore() : 1024;
        // Mean weight 10 per input spike: the hidden threshold is a step or two of that input.
        int vth = Math.max(16, Math.min(100_000, 15 * Math.max(1, eventsPerStep)));
        CompiledNetwork.Builder n =
                CompiledNetwork.newBuilder().setName(name).setProfile(profile).setInputSize(inputs);
        n.addLayers(layer("hidden", hidden, -1, inputs, lif(4095, 128, vth, false), r, -30, 50));
        n.addLayers(
                readout
                        ? layer("readout", outputs, 0, hidden, lif(4095, 0, 1, true), r, -60, 60)
                        : layer("out", outputs, 0, hidden, lif(4095, 256, 40, false), r, -20, 60));
        int firstReadoutCore = addCores(n, 0, hidden, perCore, 0);
        int cores = addCores(n, 1, outputs, perCore, firstReadoutCore);
        // Cores sit on the profile's mesh, chip after chip; a stand-in profile gets as many chips
        // as they need.
        int perChip = profile.getCoresPerChip() > 0 ? profile.getCoresPerChip() : cores;
        int width = profile.getMeshWidth() > 0 ? profile.getMeshWidth() : perChip;
        for (int c = 0; c < cores; c++) {
            int local = c % perChip;
            n.getCoresBuilder(c).setChip(c / perChip).setX(local % width).setY(local / width);
        }
        int chips = (cores + perChip - 1) / perChip;
        if (profile.getChips() != 0 && profile.getChips() < chips)
            n.setProfile(profile.toBuilder().setChips(chips));
        for (int c = 0; c < firstReadoutCore; c++) {
            n.addRoutes(Route.newBuilder().setSrcCore(-1).setDstCore(c).setHops(1 + c));
            for (int d = firstReadoutCore; d < cores; d++)
                n.addRoutes(Route.newBuilder().setSrcCore(c).setDstCore(d).setHops(d - c));
        }
        return n.build();
    }

    /** {@code count} distinct input axons out of {@code inputs}, ascending. */
    public static int[] randomAxons(Random r, int inputs, int count) {
        if (count > inputs)
            throw new IllegalArgumentException(count + " distinct axons out of " + inputs);
        int[] all = new int[inputs];
        for (int i = 0; i < inputs; i++) all[i] = i;
        for (int i = 0; i < count; i++) {
            int j = i + r.nextInt(inputs - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] picked = java.util.Arrays.copyOf(all, count);
        java.util.Arrays.sort(picked);
        return picked;
    }

    private static int addCores(
            CompiledNetwork.Builder n, int layer, int size, int perCore, int firstId) {
        int id = firstId;
        for (int begin = 0; begin < size; begin += perCore, id++) {
            n.addCores(
                    Core.newBuilder()
                            .setId(id)
                            .setLayer(layer)
                            .setNeuronBegin(begin)
                            .setNeuronEnd(Math.min(size, begin + perCore)));
        }
        return id;
    }

    private static FixedLifParams lif(int du, int dv, int vthMant, boolean readout) {
        return FixedLifParams.newBuilder()
                .setDu(du)
                .setDv(dv)
                .setVthMant(vthMant)
                .setReadout(readout)
                .setReset(ResetMode.RESET_TO_ZERO)
                .build();
    }

    /**
     * A layer of {@code size} neurons reading {@code fanIn} sources of layer {@code source}, 8-bit
     * weights drawn uniformly from [lo, hi]; shared with the package's test networks.
     */
    static CompiledLayer.Builder layer(
            String name,
            int size,
            int source,
            int fanIn,
            FixedLifParams p,
            Random r,
            int lo,
            int hi) {
        CompiledLayer.Builder b =
                CompiledLayer.newBuilder()
                        .setName(name)
                        .setSize(size)
                        .setSource(source)
                        .setFanIn(fanIn)
                        .setNeuron(p)
                        .setWeightBits(8)
                        .setScale(1.0);
        for (int i = 0; i < size * fanIn; i++) b.addWeights(lo + r.nextInt(hi - lo + 1));
        return b;
    }
}
