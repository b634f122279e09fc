package dev.spikeforge.runtime.sim.neuron;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.runtime.sim.engine.SimOptions;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.synapse.KernelChoice;
import dev.spikeforge.runtime.sim.testing.Nets;
import dev.spikeforge.runtime.sim.testing.ReferenceSimulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Layers with {@code vth_mants}: each neuron fires against its own threshold, in every neuron
 * model.
 */
class PerNeuronThresholdTest {

    /**
     * One input axon → two neurons, weight 10 each, thresholds 15 and 25 (960 and 1600 after the
     * 6-bit shift), the per-layer vth_mant 0. The three parameter sets below all make v integrate a
     * << 6 = 640 per step without leak: CUBA with du = 4095 (u = this step's input) and dv = 0;
     * SHIFT_LIF with syn_shift 0 (u − u = 0) and mem_shift 23 (v >> 23 = 0 below 2^23); IF.
     */
    static CompiledNetwork twoNeurons(NeuronModel model, ResetMode reset) {
        FixedLifParams.Builder p =
                FixedLifParams.newBuilder()
                        .setModel(model)
                        .setReset(reset)
                        .setVthMant(0)
                        .setDu(4095)
                        .setDv(0)
                        .setSynShift(0)
                        .setMemShift(23);
        CompiledLayer layer =
                CompiledLayer.newBuilder()
                        .setName("pair")
                        .setSize(2)
                        .setSource(-1)
                        .setFanIn(1)
                        .setWeightBits(8)
                        .addWeights(10)
                        .addWeights(10)
                        .addVthMants(15)
                        .addVthMants(25)
                        .setNeuron(p)
                        .build();
        return Nets.onCores(
                        CompiledNetwork.newBuilder()
                                .setName("pair")
                                .setInputSize(1)
                                .setProfile(Nets.permissive())
                                .addLayers(layer))
                .build();
    }

    /** Steps 0..10 with the axon spiking every step; each neuron's spike steps. */
    static List<List<Integer>> spikeSteps(CompiledNetwork net) {
        List<List<Integer>> out = List.of(new ArrayList<>(), new ArrayList<>());
        try (Simulator sim = new Simulator(net)) {
            for (int t = 0; t <= 10; t++) {
                sim.step(new int[] {0}, 1);
                for (int n = 0; n < 2; n++) if (sim.spikes(0)[n]) out.get(n).add(t);
            }
        }
        return out;
    }

    @Test
    void eachNeuronFiresAgainstItsOwnThreshold() {
        // Input reaches the neurons one step late, so v = 640 on step 1. Reset to zero:
        //   neuron 0 (960):  640, 1280 > 960 fire -> 0, 640, 1280 fire, ...   steps 2, 4, 6, 8, 10
        //   neuron 1 (1600): 640, 1280, 1920 fire -> 0, ...                     steps 3, 6, 9
        // Reset by subtraction:
        //   neuron 0: 640, 1280 fire -> 320, 960 (not > 960), 1600 fire -> 640, 1280 fire -> 320,
        // 960, 1600 fire,
        //             1280 fire, 960, 1600 fire                                 steps 2, 4, 5, 7,
        // 8, 10
        //   neuron 1: 640, 1280, 1920 fire -> 320, 960, 1600 (not > 1600), 2240 fire -> 640, 1280,
        // 1920 fire -> 320,
        //             960, 1600                                                  steps 3, 6, 8
        for (NeuronModel model :
                new NeuronModel[] {
                    NeuronModel.CUBA_LIF, NeuronModel.SHIFT_LIF, NeuronModel.INTEGRATE_AND_FIRE
                }) {
            assertEquals(
                    List.of(List.of(2, 4, 6, 8, 10), List.of(3, 6, 9)),
                    spikeSteps(twoNeurons(model, ResetMode.RESET_TO_ZERO)),
                    model + ", reset to zero");
            assertEquals(
                    List.of(List.of(2, 4, 5, 7, 8, 10), List.of(3, 6, 8)),
                    spikeSteps(twoNeurons(model, ResetMode.RESET_BY_SUBTRACTION)),
                    model + ", reset by subtraction");
        }
    }

    @Test
    void voltagesAfterSubtractionKeepTheOwnThresholdsRemainder() {
        try (Simulator sim =
                new Simulator(twoNeurons(NeuronModel.CUBA_LIF, ResetMode.RESET_BY_SUBTRACTION))) {
            for (int t = 0; t <= 3; t++) sim.step(new int[] {0}, 1);
            // step 3: neuron 0 at 320 + 640 = 960 (no spike), neuron 1 at 1920 - 1600 = 320
            assertArrayEquals(new int[] {960, 320}, sim.voltages(0));
        }
    }

    @Test
    void randomNetworksWithPerNeuronThresholdsMatchFixedLifNeuronByNeuron() {
        for (long seed = 31; seed <= 33; seed++) {
            CompiledNetwork net =
                    Nets.withPerNeuronThresholds(
                            Nets.random(
                                    seed,
                                    new int[] {60, 120, 80, 10},
                                    0.3,
                                    50,
                                    true,
                                    0,
                                    0,
                                    NeuronModel.CUBA_LIF,
                                    40),
                            seed,
                            20,
                            400);
            int[][] in = Nets.input(seed, 60, 30, 0.25);
            ReferenceSimulator ref = new ReferenceSimulator(net);
            long spikes = 0;
            try (Simulator sim = new Simulator(net, new SimOptions(2, KernelChoice.AUTO))) {
                for (int t = 0; t < in.length; t++) {
                    boolean[][] z = ref.step(in[t]);
                    sim.step(in[t], in[t].length);
                    for (int l = 0; l < z.length; l++) {
                        assertArrayEquals(
                                z[l],
                                sim.spikes(l),
                                "seed " + seed + " step " + t + " layer " + l + " spikes");
                        assertArrayEquals(
                                ref.voltages(l),
                                sim.voltages(l),
                                "seed " + seed + " step " + t + " layer " + l + " v");
                        for (boolean b : z[l]) if (b) spikes++;
                    }
                }
            }
            assertTrue(
                    spikes > 50,
                    "seed " + seed + ": the network must be active, got " + spikes + " spikes");
        }
    }

    @Test
    void uniformPerNeuronThresholdsEqualThePerLayerOne() {
        for (NeuronModel model :
                new NeuronModel[] {NeuronModel.SHIFT_LIF, NeuronModel.INTEGRATE_AND_FIRE}) {
            CompiledNetwork plain =
                    Nets.random(41, new int[] {50, 90, 10}, 0.3, 40, false, 0, 1, model, 32);
            CompiledNetwork.Builder b = plain.toBuilder();
            for (CompiledLayer.Builder cl : b.getLayersBuilderList()) {
                for (int n = 0; n < cl.getSize(); n++) cl.addVthMants(cl.getNeuron().getVthMant());
                cl.getNeuronBuilder().setVthMant(0);
            }
            int[][] in = Nets.input(41, 50, 30, 0.3);
            try (Simulator a = new Simulator(plain);
                    Simulator c = new Simulator(b.build())) {
                for (int t = 0; t < in.length; t++) {
                    a.step(in[t], in[t].length);
                    c.step(in[t], in[t].length);
                    for (int l = 0; l < 2; l++) {
                        assertArrayEquals(
                                a.voltages(l), c.voltages(l), model + " step " + t + " layer " + l);
                        assertArrayEquals(
                                a.spikes(l), c.spikes(l), model + " step " + t + " layer " + l);
                    }
                }
                assertTrue(
                        a.counters().totalSpikes() > 20,
                        model + ": active, " + a.counters().totalSpikes() + " spikes");
            }
        }
    }

    @Test
    void aWrongNumberOfThresholdsIsRefusedNamingLayerAndField() {
        CompiledNetwork net = twoNeurons(NeuronModel.CUBA_LIF, ResetMode.RESET_TO_ZERO);
        CompiledNetwork three =
                net.toBuilder().setLayers(0, net.getLayers(0).toBuilder().addVthMants(7)).build();
        var e = assertThrows(IllegalArgumentException.class, () -> new Simulator(three).close());
        assertTrue(
                e.getMessage().contains("layer 0 'pair' vth_mants has 3 entries, expected 2"),
                e.getMessage());
        CompiledNetwork zero =
                net.toBuilder()
                        .setLayers(0, net.getLayers(0).toBuilder().setVthMants(1, 0))
                        .build();
        e = assertThrows(IllegalArgumentException.class, () -> new Simulator(zero).close());
        assertTrue(
                e.getMessage().contains("layer 0 'pair' vth_mants[1] is 0, outside 1..131071"),
                e.getMessage());
        CompiledNetwork none =
                net.toBuilder().setLayers(0, net.getLayers(0).toBuilder().clearVthMants()).build();
        e = assertThrows(IllegalArgumentException.class, () -> new Simulator(none).close());
        assertTrue(
                e.getMessage().contains("neuron.vth_mant is 0, outside 1..131071"),
                "without vth_mants the per-layer one counts: " + e.getMessage());
    }
}
