package dev.spikeforge.runtime.sim.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.synapse.KernelChoice;
import dev.spikeforge.runtime.sim.testing.Nets;
import dev.spikeforge.runtime.sim.testing.ReferenceSimulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On random networks (several layers and cores, recurrence, delays, biases, weight exponents): the
 * event-driven and dense kernels, and 1, 2 and 3 threads, give the same spikes, voltages and
 * counters bit for bit; and CUBA networks match the naive reference simulator, counts included.
 */
class EngineAgreementTest {

    /**
     * Everything observable of a run: per step, every layer's v and u and output spikes; then all
     * counters.
     */
    private static List<String> run(CompiledNetwork net, SimOptions opt, int[][] input) {
        List<String> out = new ArrayList<>();
        try (Simulator sim = new Simulator(net, opt)) {
            for (int[] in : input) {
                StepOutput o = sim.step(in, in.length);
                StringBuilder sb = new StringBuilder(java.util.Arrays.toString(o.spikesCopy()));
                for (int l = 0; l < sim.layerCount(); l++) {
                    sb.append(java.util.Arrays.toString(sim.voltages(l)))
                            .append(java.util.Arrays.toString(sim.currents(l)));
                    sb.append(java.util.Arrays.toString(sim.spikes(l)));
                }
                out.add(sb.toString());
            }
            ActivityCounters c = sim.counters();
            for (int k = 0; k < c.cores(); k++) {
                out.add(
                        "core "
                                + k
                                + ": "
                                + c.synapticOps(k)
                                + " "
                                + c.spikes(k)
                                + " "
                                + c.neuronUpdates(k)
                                + " "
                                + c.hops(k));
            }
            out.add(
                    "totals "
                            + c.totalSynapticOps()
                            + " "
                            + c.totalSpikes()
                            + " "
                            + c.totalHops()
                            + " "
                            + c.inputHops());
        }
        return out;
    }

    @Test
    void kernelsAndThreadCountsAgreeBitForBit() {
        int checked = 0;
        for (NeuronModel model :
                new NeuronModel[] {
                    NeuronModel.CUBA_LIF, NeuronModel.SHIFT_LIF, NeuronModel.INTEGRATE_AND_FIRE
                }) {
            for (long seed = 1; seed <= 4; seed++) {
                // sizes above the 64-neuron chunk so partitions and skipped chunks are exercised
                CompiledNetwork net =
                        Nets.random(
                                seed,
                                new int[] {90, 200, 150, 10},
                                seed % 2 == 0 ? 0.7 : 0.15,
                                40,
                                true,
                                (int) (seed % 3),
                                (int) (seed % 3),
                                model,
                                48);
                int[][] in = Nets.input(seed, 90, 40, 0.15);
                List<String> reference =
                        run(net, new SimOptions(1, KernelChoice.SPARSE_INDEXED), in);
                assertEquals(
                        reference,
                        run(net, new SimOptions(1, KernelChoice.DENSE), in),
                        model + " seed " + seed + ": dense kernel");
                assertEquals(
                        reference,
                        run(net, new SimOptions(1, KernelChoice.SPARSE_DELTA8), in),
                        model + " seed " + seed + ": 8-bit gaps");
                assertEquals(
                        reference,
                        run(net, new SimOptions(2, KernelChoice.SPARSE_DELTA12), in),
                        model + " seed " + seed + ": 12-bit gaps");
                assertEquals(
                        reference,
                        run(net, new SimOptions(2, KernelChoice.AUTO), in),
                        model + " seed " + seed + ": 2 threads");
                assertEquals(
                        reference,
                        run(net, new SimOptions(3, KernelChoice.SPARSE), in),
                        model + " seed " + seed + ": 3 threads");
                checked++;
            }
        }
        assertEquals(12, checked);
    }

    /**
     * Counters read after every step, a reset in the middle: what a step-by-step caller (the
     * bridge, probes) sees.
     */
    private static List<String> readEveryStep(CompiledNetwork net, SimOptions opt, int[][] input) {
        List<String> out = new ArrayList<>();
        try (Simulator sim = new Simulator(net, opt)) {
            for (int t = 0; t < input.length; t++) {
                if (t == input.length / 2) sim.reset();
                sim.step(input[t], input[t].length);
                ActivityCounters c = sim.counters();
                out.add(
                        t
                                + ": "
                                + c.totalSynapticOps()
                                + " "
                                + c.totalSpikes()
                                + " "
                                + c.totalNeuronUpdates()
                                + " "
                                + c.synapticOps(0)
                                + " "
                                + c.synapticOps(c.cores() - 1)
                                + " "
                                + java.util.Arrays.toString(sim.voltages(0)));
                if (t % 7 == 3) c.clear();
            }
        }
        return out;
    }

    @Test
    void countersReadEveryStepAndResetsAgreeOnAnyNumberOfThreads() {
        // Multi-threaded steps hold back their spikes' delivery until the next step; a counter read
        // or a reset
        // must deliver them first, so every step's counts are those of one thread.
        CompiledNetwork net =
                Nets.random(
                        8,
                        new int[] {80, 300, 200, 10},
                        0.3,
                        40,
                        true,
                        1,
                        1,
                        NeuronModel.CUBA_LIF,
                        64);
        int[][] in = Nets.input(8, 80, 30, 0.2);
        List<String> one = readEveryStep(net, new SimOptions(1, KernelChoice.AUTO), in);
        assertTrue(one.get(one.size() - 1).matches("29: [1-9].*"), one.get(one.size() - 1));
        assertEquals(
                one, readEveryStep(net, new SimOptions(2, KernelChoice.AUTO), in), "2 threads");
        assertEquals(
                one, readEveryStep(net, new SimOptions(4, KernelChoice.SPARSE), in), "4 threads");
    }

    @Test
    void gapLayoutsWithFillersAgreeWithTheIndexedOne() {
        // 3,000 neurons at 0.3 % density: gaps average ~330, so 8-bit gaps need about one filler
        // per synapse
        CompiledNetwork net =
                Nets.random(
                        21,
                        new int[] {60, 3000, 12},
                        0.003,
                        60,
                        false,
                        0,
                        0,
                        NeuronModel.CUBA_LIF,
                        256);
        int[][] in = Nets.input(21, 60, 25, 0.5);
        SimModel d8 = SimModel.of(net, new SimOptions(1, KernelChoice.SPARSE_DELTA8));
        SimModel indexed = SimModel.of(net, new SimOptions(1, KernelChoice.SPARSE_INDEXED));
        assertTrue(
                d8.synapseBytes() - 4L * 61 > 2 * d8.synapses() * 3 / 2,
                "fillers present: "
                        + d8.synapseBytes()
                        + " bytes for "
                        + d8.synapses()
                        + " synapses");
        List<String> reference = run(net, new SimOptions(1, KernelChoice.SPARSE_INDEXED), in);
        assertTrue(
                reference.get(reference.size() - 1).matches("totals [1-9][0-9]* [1-9].*"),
                "active: " + reference.get(reference.size() - 1));
        assertEquals(
                reference,
                run(net, new SimOptions(1, KernelChoice.SPARSE_DELTA8), in),
                "8-bit gaps");
        assertEquals(
                reference,
                run(net, new SimOptions(2, KernelChoice.SPARSE_DELTA8), in),
                "8-bit gaps, 2 threads");
        assertEquals(
                reference,
                run(net, new SimOptions(3, KernelChoice.SPARSE_DELTA12), in),
                "12-bit gaps, 3 threads");
        assertEquals(
                reference,
                run(net, new SimOptions(2, KernelChoice.SPARSE), in),
                "smallest layout, 2 threads");
        assertEquals(indexed.synapses(), d8.synapses());
    }

    @Test
    void matchesTheNaiveReferenceIncludingEveryCount() {
        for (long seed = 11; seed <= 16; seed++) {
            CompiledNetwork net =
                    Nets.random(
                            seed,
                            new int[] {70, 130, 90, 12},
                            seed % 2 == 0 ? 0.6 : 0.2,
                            50,
                            true,
                            (int) (seed % 2) * 2,
                            0,
                            NeuronModel.CUBA_LIF,
                            40);
            int[][] in = Nets.input(seed, 70, 30, 0.2);
            ReferenceSimulator ref = new ReferenceSimulator(net);
            Simulator sim = new Simulator(net);
            long spikes = 0;
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
                    assertArrayEquals(
                            ref.currents(l),
                            sim.currents(l),
                            "seed " + seed + " step " + t + " layer " + l + " u");
                    for (boolean b : z[l]) if (b) spikes++;
                }
            }
            assertTrue(
                    spikes > 50,
                    "seed "
                            + seed
                            + ": the network must be active to prove anything, got "
                            + spikes
                            + " spikes");
            ActivityCounters c = sim.counters();
            for (int k = 0; k < c.cores(); k++) {
                assertEquals(
                        ref.synOps[k],
                        c.synapticOps(k),
                        "seed " + seed + " core " + k + " synaptic ops");
                assertEquals(ref.spikes[k], c.spikes(k), "core " + k + " spikes");
                assertEquals(ref.updates[k], c.neuronUpdates(k), "core " + k + " neuron updates");
                assertEquals(ref.hops[k], c.hops(k), "core " + k + " hops");
                assertEquals(
                        ref.messagesIn[k],
                        c.count(EventKind.MESSAGE_IN, k),
                        "core " + k + " messages in");
                assertEquals(
                        ref.messagesOut[k],
                        c.count(EventKind.MESSAGE_OUT, k),
                        "core " + k + " messages out");
            }
            assertTrue(c.totalHops() > 0, "seed " + seed + ": messages must travel");
            assertEquals(ref.inputHops, c.inputHops());
        }
    }

    @Test
    void batchesGiveTheSameResultsOnAnyNumberOfThreads() {
        CompiledNetwork net =
                Nets.random(
                        5, new int[] {60, 100, 10}, 0.3, 40, false, 0, 0, NeuronModel.CUBA_LIF, 64);
        var chip1 = dev.spikeforge.runtime.sim.chip.EmulatedChip.of(net);
        List<dev.spikeforge.runtime.sim.chip.SpikeInput> inputs = new ArrayList<>();
        for (int i = 0; i < 9; i++)
            inputs.add(dev.spikeforge.runtime.sim.chip.SpikeInput.bernoulli(60, 25, 0.2, i));
        var one = chip1.runAll(inputs, 1);
        var three = chip1.runAll(inputs, 3);
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(one.get(i).outputSpikes(), three.get(i).outputSpikes(), "sample " + i);
            assertEquals(one.get(i).synapticOps(), three.get(i).synapticOps(), "sample " + i);
            assertEquals(one.get(i).energyJ(), three.get(i).energyJ(), "sample " + i);
            // each sample's run is the same as running it alone
            assertEquals(
                    chip1.run(inputs.get(i)).outputSpikes(),
                    one.get(i).outputSpikes(),
                    "sample " + i + " alone");
        }
    }
}
