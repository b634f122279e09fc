package dev.spikeforge.runtime.sim.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.runtime.sim.synapse.KernelChoice;
import dev.spikeforge.runtime.sim.testing.Nets;
import dev.spikeforge.runtime.sim.testing.ReferenceSimulator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random networks driven step by step through the simulator (segments, idle and quiet skipping,
 * partitions, 1 and 2 threads) and through the naive reference, which steps each layer with the
 * neuron module's model: for every neuron model, both resets, refractory periods 0..3, one
 * threshold per layer or per neuron and weight exponents −2..2, u, v, spikes and refractory
 * countdowns are bit-equal on every step, and the activity counts agree.
 */
class SimulatorMatchesFixedNeuronTest {

    @Test
    void everyModelAndOptionMatchesTheReferenceEveryStep() {
        long seed = 100;
        for (NeuronModel model :
                new NeuronModel[] {
                    NeuronModel.CUBA_LIF, NeuronModel.SHIFT_LIF, NeuronModel.INTEGRATE_AND_FIRE
                }) {
            for (int refractory = 0; refractory <= 3; refractory++) {
                for (ResetMode reset :
                        new ResetMode[] {ResetMode.RESET_TO_ZERO, ResetMode.RESET_BY_SUBTRACTION}) {
                    for (boolean perNeuron : new boolean[] {false, true}) {
                        seed++;
                        CompiledNetwork net =
                                variant(
                                        Nets.random(
                                                seed,
                                                new int[] {70, 130, 90, 12},
                                                seed % 2 == 0 ? 0.5 : 0.2,
                                                50,
                                                true,
                                                (int) (seed % 3),
                                                refractory,
                                                model,
                                                40),
                                        seed,
                                        reset,
                                        perNeuron);
                        String what =
                                model
                                        + " refractory "
                                        + refractory
                                        + " "
                                        + reset
                                        + (perNeuron ? " vth_mants" : " vth_mant")
                                        + " seed "
                                        + seed;
                        compare(
                                net,
                                Nets.input(seed, 70, 60, 0.3),
                                new SimOptions(1 + (int) (seed % 2), KernelChoice.AUTO),
                                what);
                    }
                }
            }
        }
    }

    /**
     * The network with every layer's reset set, weight exponents redrawn in [−2, 2], and per-neuron
     * thresholds.
     */
    private static CompiledNetwork variant(
            CompiledNetwork net, long seed, ResetMode reset, boolean perNeuron) {
        Random r = new Random(seed);
        CompiledNetwork.Builder b = net.toBuilder();
        for (CompiledLayer.Builder l : b.getLayersBuilderList()) {
            l.getNeuronBuilder().setReset(reset);
            l.setWeightExp(r.nextInt(5) - 2);
        }
        return perNeuron ? Nets.withPerNeuronThresholds(b.build(), seed, 10, 300) : b.build();
    }

    private static void compare(CompiledNetwork net, int[][] in, SimOptions options, String what) {
        ReferenceSimulator ref = new ReferenceSimulator(net);
        long spikes = 0, refractorySteps = 0;
        try (Simulator sim = new Simulator(net, options)) {
            for (int t = 0; t < in.length; t++) {
                boolean[][] z = ref.step(in[t]);
                sim.step(in[t], in[t].length);
                for (int l = 0; l < z.length; l++) {
                    String at = what + " step " + t + " layer " + l;
                    assertArrayEquals(z[l], sim.spikes(l), at + " spikes");
                    assertArrayEquals(ref.voltages(l), sim.voltages(l), at + " v");
                    assertArrayEquals(ref.currents(l), sim.currents(l), at + " u");
                    assertArrayEquals(
                            ref.refractory(l), sim.refractory(l), at + " refractory countdown");
                    for (boolean s : z[l]) if (s) spikes++;
                    if (ref.refractory(l) != null)
                        for (int c : ref.refractory(l)) if (c > 0) refractorySteps++;
                }
            }
            assertTrue(
                    spikes > 50,
                    what
                            + ": the network must be active to prove anything, got "
                            + spikes
                            + " spikes");
            if (what.contains("refractory 0")) assertEquals(0, refractorySteps, what);
            else assertTrue(refractorySteps > 0, what + ": some neurons must be refractory");
            ActivityCounters c = sim.counters();
            for (int k = 0; k < c.cores(); k++) {
                assertEquals(
                        ref.updates[k],
                        c.neuronUpdates(k),
                        what + " core " + k + " neuron updates");
                assertEquals(ref.spikes[k], c.spikes(k), what + " core " + k + " spikes");
                assertEquals(
                        ref.synOps[k], c.synapticOps(k), what + " core " + k + " synaptic ops");
            }
        }
    }
}
