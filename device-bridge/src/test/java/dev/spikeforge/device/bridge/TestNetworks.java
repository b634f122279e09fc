package dev.spikeforge.device.bridge;

import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.InputPayload;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.Route;
import java.util.Random;

/** Small compiled networks built by hand, and random input for them. */
public final class TestNetworks {
    private TestNetworks() {}

    /** 8 inputs -> 6 LIF (two cores) -> 3 readout (one core). */
    public static CompiledNetwork readoutNetwork(long seed) {
        Random r = new Random(seed);
        CompiledNetwork.Builder n =
                CompiledNetwork.newBuilder()
                        .setName("golden-readout-" + seed)
                        .setProfile(profile("test-chip"))
                        .setInputSize(8);
        n.addLayers(
                BuiltinNetworks.layer(
                                "hidden",
                                6,
                                -1,
                                8,
                                lif(4095, 0, 8, false, ResetMode.RESET_TO_ZERO),
                                r,
                                -30,
                                90)
                        .addAllBiasMant(java.util.List.of(0, 3, 0, -2, 0, 5))
                        .setBiasExp(2));
        n.addLayers(
                BuiltinNetworks.layer(
                        "readout",
                        3,
                        0,
                        6,
                        lif(4095, 0, 1, true, ResetMode.RESET_TO_ZERO),
                        r,
                        -60,
                        60));
        n.addCores(core(0, 0, 0, 3, 0)).addCores(core(1, 0, 3, 6, 1)).addCores(core(2, 1, 0, 3, 2));
        n.addRoutes(route(-1, 0, 1))
                .addRoutes(route(-1, 1, 2))
                .addRoutes(route(0, 2, 2))
                .addRoutes(route(1, 2, 1));
        return n.build();
    }

    /**
     * 5 inputs -> 4 LIF -> 2 spiking outputs, leaky, reset by subtraction; a different shape from
     * the readout one.
     */
    public static CompiledNetwork spikingNetwork(long seed) {
        Random r = new Random(seed);
        CompiledNetwork.Builder n =
                CompiledNetwork.newBuilder()
                        .setName("spiking-" + seed)
                        .setProfile(profile("other-chip"))
                        .setInputSize(5);
        n.addLayers(
                BuiltinNetworks.layer(
                        "hidden",
                        4,
                        -1,
                        5,
                        lif(2047, 256, 6, false, ResetMode.RESET_BY_SUBTRACTION),
                        r,
                        -20,
                        100));
        n.addLayers(
                BuiltinNetworks.layer(
                        "out",
                        2,
                        0,
                        4,
                        lif(3000, 128, 10, false, ResetMode.RESET_TO_ZERO),
                        r,
                        -10,
                        120));
        n.addCores(core(0, 0, 0, 4, 0)).addCores(core(1, 1, 0, 2, 1));
        n.addRoutes(route(-1, 0, 1)).addRoutes(route(0, 1, 3));
        return n.build();
    }

    /**
     * {@link #readoutNetwork} taking graded input: 8-bit payloads, on a chip with 24-bit graded
     * spikes.
     */
    public static CompiledNetwork gradedReadoutNetwork(long seed) {
        CompiledNetwork n = readoutNetwork(seed);
        return n.toBuilder()
                .setName("graded-readout-" + seed)
                .setProfile(n.getProfile().toBuilder().setGradedSpikeBits(24))
                .setInputPayload(
                        InputPayload.newBuilder()
                                .setMode(InputMode.INPUT_GRADED)
                                .setBits(8)
                                .setScale(100))
                .build();
    }

    /** A random train whose every spike carries a random payload in [-128, 127]. */
    public static SpikeTrain randomGradedTrain(Random r, int inputs, int steps, double p) {
        SpikeTrain t = randomTrain(r, inputs, steps, p);
        int[][] payloads = new int[steps][];
        for (int s = 0; s < steps; s++)
            payloads[s] = r.ints(t.spikesPerStep()[s].length, -128, 128).toArray();
        return new SpikeTrain(inputs, t.spikesPerStep(), payloads);
    }

    public static SpikeTrain randomTrain(Random r, int inputs, int steps, double p) {
        int[][] perStep = new int[steps][];
        for (int t = 0; t < steps; t++) {
            perStep[t] =
                    java.util.stream.IntStream.range(0, inputs)
                            .filter(i -> r.nextDouble() < p)
                            .toArray();
        }
        return new SpikeTrain(inputs, perStep);
    }

    private static ChipProfile profile(String name) {
        return ChipProfile.newBuilder()
                .setName(name)
                .setNeuronsPerCore(4)
                .setWeightBits(8)
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

    private static FixedLifParams lif(
            int du, int dv, int vthMant, boolean readout, ResetMode reset) {
        return FixedLifParams.newBuilder()
                .setDu(du)
                .setDv(dv)
                .setVthMant(vthMant)
                .setReadout(readout)
                .setReset(reset)
                .build();
    }

    private static Core core(int id, int layer, int begin, int end, int x) {
        return Core.newBuilder()
                .setId(id)
                .setLayer(layer)
                .setNeuronBegin(begin)
                .setNeuronEnd(end)
                .setX(x)
                .build();
    }

    private static Route route(int src, int dst, int hops) {
        return Route.newBuilder().setSrcCore(src).setDstCore(dst).setHops(hops).build();
    }
}
