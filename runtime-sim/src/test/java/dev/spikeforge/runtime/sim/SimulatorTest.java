package dev.spikeforge.runtime.sim;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.*;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    static CompiledLayer layer(
            String name,
            int source,
            int size,
            int fanIn,
            int du,
            int dv,
            int vth,
            boolean readout,
            int... weights) {
        CompiledLayer.Builder b =
                CompiledLayer.newBuilder()
                        .setName(name)
                        .setSource(source)
                        .setSize(size)
                        .setFanIn(fanIn)
                        .setWeightBits(8)
                        .setNeuron(
                                FixedLifParams.newBuilder()
                                        .setDu(du)
                                        .setDv(dv)
                                        .setVthMant(vth)
                                        .setReadout(readout));
        for (int w : weights) b.addWeights(w);
        return b.build();
    }

    static CompiledNetwork.Builder network(int inputs, CompiledLayer... layers) {
        CompiledNetwork.Builder b =
                CompiledNetwork.newBuilder()
                        .setName("test")
                        .setInputSize(inputs)
                        .setProfile(
                                ChipProfile.newBuilder()
                                        .setName("unit")
                                        .setEnergy(
                                                EnergyModel.newBuilder()
                                                        .setSynapticOpJ(2e-12)
                                                        .setSpikeJ(3e-12)
                                                        .setNeuronUpdateJ(5e-12)
                                                        .setHopJ(7e-12)
                                                        .setStaticPowerPerCoreW(1e-3)
                                                        .setStepSeconds(1e-6)));
        int id = 0;
        for (int l = 0; l < layers.length; l++) {
            b.addLayers(layers[l]);
            b.addCores(
                    Core.newBuilder()
                            .setId(id++)
                            .setLayer(l)
                            .setNeuronBegin(0)
                            .setNeuronEnd(layers[l].getSize()));
        }
        return b;
    }

    private static List<int[]> trace(Simulator sim, int steps, int[]... inputPerStep) {
        List<int[]> uv = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            int[] in = t < inputPerStep.length ? inputPerStep[t] : new int[0];
            StepOutput o = sim.step(in, in.length);
            uv.add(new int[] {sim.currents(0)[0], sim.voltages(0)[0], o.spikeCount()});
        }
        return uv;
    }

    @Test
    void noLeakNeuronIntegratesShiftedInputAndResetsToZero() {
        // one axon, weight 10; du = 4095 -> u is this step's input << 6; dv = 0 -> no leak;
        // threshold 25 << 6 = 1600
        Simulator sim =
                new Simulator(network(1, layer("n", -1, 1, 1, 4095, 0, 25, false, 10)).build());
        int[] spike = {0};
        List<int[]> t = trace(sim, 7, spike, spike, spike, spike, spike, spike, spike);
        // step 0 sees nothing (delay); v: 0, 640, 1280, 1920 > 1600 -> spike, reset to 0; then 640,
        // 1280, spike
        int[][] expected = {
            {0, 0, 0},
            {640, 640, 0},
            {640, 1280, 0},
            {640, 0, 1},
            {640, 640, 0},
            {640, 1280, 0},
            {640, 0, 1}
        };
        for (int s = 0; s < expected.length; s++)
            assertArrayEquals(expected[s], t.get(s), "step " + s);
    }

    @Test
    void leakyNeuronTruncatesEachDecayTowardZero() {
        // du = 1023: u keeps 3072/4096; dv = 410: v keeps 3686/4096. One input spike at step 0
        // (delivered at step 1).
        Simulator sim =
                new Simulator(network(1, layer("n", -1, 1, 1, 1023, 410, 1000, false, 10)).build());
        List<int[]> t = trace(sim, 4, new int[] {0});
        assertArrayEquals(new int[] {0, 0, 0}, t.get(0));
        assertArrayEquals(new int[] {640, 640, 0}, t.get(1));
        // u = 640·3072/4096 = 480; v = trunc(640·3686/4096 = 575.94) + 480 = 1055
        assertArrayEquals(new int[] {480, 1055, 0}, t.get(2));
        // u = 360; v = trunc(1055·3686/4096 = 949.40) + 360 = 1309
        assertArrayEquals(new int[] {360, 1309, 0}, t.get(3));
    }

    @Test
    void negativeVoltageDecaysTowardZeroAndBiasUsesItsExponent() {
        CompiledLayer l =
                layer("n", -1, 1, 1, 4095, 2048, 1000, false, -100).toBuilder()
                        .addBiasMant(3)
                        .setBiasExp(2)
                        .build();
        Simulator sim = new Simulator(network(1, l).build());
        List<int[]> t = trace(sim, 3, new int[] {0});
        assertArrayEquals(new int[] {0, 12, 0}, t.get(0)); // bias 3 << 2 = 12
        assertArrayEquals(
                new int[] {-6400, 6 - 6400 + 12, 0}, t.get(1)); // -100 << 6; v = 12/2 + u + 12
        // v = trunc(-6382 / 2) + 0 + 12 = -3191 + 12
        assertArrayEquals(new int[] {0, -3179, 0}, t.get(2));
    }

    @Test
    void everyConnectionDelaysByOneStep() {
        // input -> a (fires on any input) -> b (fires on any input from a): input at step 0, a
        // fires at 1, b at 2.
        CompiledNetwork net =
                network(
                                1,
                                layer("a", -1, 1, 1, 4095, 0, 1, false, 100),
                                layer("b", 0, 1, 1, 4095, 0, 1, false, 100))
                        .build();
        Simulator sim = new Simulator(net);
        int[] firstA = new int[5], firstB = new int[5];
        for (int s = 0; s < 5; s++) {
            int[] in = s == 0 ? new int[] {0} : new int[0];
            StepOutput o = sim.step(in, in.length);
            firstA[s] = sim.spikes(0)[0] ? 1 : 0;
            firstB[s] = o.spikeCount();
        }
        assertArrayEquals(new int[] {0, 1, 0, 0, 0}, firstA);
        assertArrayEquals(new int[] {0, 0, 1, 0, 0}, firstB);
    }

    @Test
    void weightExponentShiftsTheDendriticSum() {
        Simulator up =
                new Simulator(
                        network(
                                        1,
                                        layer("n", -1, 1, 1, 4095, 0, 1000, false, 3).toBuilder()
                                                .setWeightExp(2)
                                                .build())
                                .build());
        Simulator down =
                new Simulator(
                        network(
                                        1,
                                        layer("n", -1, 1, 1, 4095, 0, 1000, false, -3).toBuilder()
                                                .setWeightExp(-1)
                                                .build())
                                .build());
        assertEquals(12 << 6, trace(up, 2, new int[] {0}).get(1)[0]);
        assertEquals(
                -2 << 6,
                trace(down, 2, new int[] {0}).get(1)[0]); // arithmetic shift: floor(-1.5) = -2
    }

    @Test
    void readoutNeverSpikesAndReportsItsPotential() {
        CompiledNetwork net =
                network(2, layer("r", -1, 2, 2, 4095, 0, 1, true, 5, 0, 0, -7)).build();
        Simulator sim = new Simulator(net);
        sim.step(new int[] {0, 1}, 2);
        StepOutput o = sim.step(new int[0], 0);
        assertEquals(0, o.spikeCount());
        assertArrayEquals(new int[] {5 << 6, -7 << 6}, o.readout());
    }

    @Test
    void countsAndEnergyFollowTheEventsAndTheProfile() {
        // 3 inputs -> 2 neurons (on two cores) -> readout 1, on an 8-wide mesh of one-core tiles:
        // core 0 at (1, 1),
        // core 1 at (2, 0), core 2 at (1, 2). Host input enters at (0, 0): 2 hops to either hidden
        // core; core 0 -> 2 is
        // 1 hop (y), core 1 -> 2 is 3 hops (1 x, 2 y).
        CompiledLayer hidden = layer("h", -1, 2, 3, 4095, 0, 1, false, 50, 50, 0, 50, 0, 50);
        CompiledLayer out = layer("o", 0, 1, 2, 4095, 0, 1, true, 1, 1);
        CompiledNetwork.Builder b = network(3, hidden, out);
        b.getProfileBuilder().setMeshWidth(8).setMeshHeight(8);
        CompiledNetwork net =
                b.clearCores()
                        .addCores(
                                Core.newBuilder()
                                        .setId(0)
                                        .setLayer(0)
                                        .setNeuronBegin(0)
                                        .setNeuronEnd(1)
                                        .setX(1)
                                        .setY(1))
                        .addCores(
                                Core.newBuilder()
                                        .setId(1)
                                        .setLayer(0)
                                        .setNeuronBegin(1)
                                        .setNeuronEnd(2)
                                        .setX(2)
                                        .setY(0))
                        .addCores(
                                Core.newBuilder()
                                        .setId(2)
                                        .setLayer(1)
                                        .setNeuronBegin(0)
                                        .setNeuronEnd(1)
                                        .setX(1)
                                        .setY(2))
                        .build();
        Simulator sim = new Simulator(net);
        sim.step(new int[] {0, 2}, 2); // rows: n0 = [50, 50, 0], n1 = [50, 0, 50]
        sim.step(new int[0], 0); // both hidden neurons fire (n0 gets 50, n1 gets 100)
        sim.step(new int[0], 0); // readout integrates 2 synaptic ops
        ActivityCounters c = sim.counters();
        // synaptic ops: axon 0 -> n0, n1 (2), axon 2 -> n1 (1) = 3 on cores 0 (1) and 1 (2); then 2
        // onto core 2
        assertEquals(1, c.synapticOps(0));
        assertEquals(2, c.synapticOps(1));
        assertEquals(2, c.synapticOps(2));
        assertEquals(1, c.spikes(0));
        assertEquals(1, c.spikes(1));
        assertEquals(0, c.spikes(2));
        assertEquals(2, c.inputSpikes());
        // messages: axon 0 reaches cores 0 and 1, axon 2 core 1; each hidden spike reaches core 2
        assertEquals(1, c.count(EventKind.MESSAGE_IN, 0));
        assertEquals(2, c.count(EventKind.MESSAGE_IN, 1));
        assertEquals(2, c.count(EventKind.MESSAGE_IN, 2));
        assertEquals(1, c.count(EventKind.MESSAGE_OUT, 0));
        assertEquals(1, c.count(EventKind.MESSAGE_OUT, 1));
        assertEquals(1, c.hops(0));
        assertEquals(3, c.hops(1));
        assertEquals(
                2 + 2 + 2,
                c.inputHops()); // axon 0: 2 to core 0 and 2 to core 1; axon 2: 2 to core 1
        assertEquals(3 * 3, c.total(EventKind.NEURON_ACCESS)); // every mapped neuron, every step
        // a spike resets v but not u, so the hidden neurons still count as active on step 2
        long updates = c.totalNeuronUpdates();
        assertEquals(c.neuronUpdates(0) + c.neuronUpdates(1) + c.neuronUpdates(2), updates);
        // A profile with only an energy block is paced at its step_seconds, static power per core
        // in use.
        EnergyReport e =
                EnergyBreakdown.of(
                                sim.model(), c, sim.clock().report(1), 1, AnnComparison.FP32_MAC_J)
                        .total();
        double expected =
                5 * 2e-12 + 2 * 3e-12 + updates * 5e-12 + (4 + 6) * 7e-12 + 3 * 1e-3 * 3 * 1e-6;
        assertEquals(expected, e.totalJ(), expected * 1e-12);
        assertEquals(3 * 1e-6, sim.clock().report(1).chipSeconds(), 1e-18);
    }

    @Test
    void badNetworksAndInputsAreRejectedNamingTheProblem() {
        CompiledNetwork bad = network(2, layer("h", -1, 2, 2, 4095, 0, 1, false, 1, 2, 3)).build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Simulator(bad));
        assertTrue(
                e.getMessage().contains("'h'") && e.getMessage().contains("weights has 3 entries"),
                e.getMessage());
        Simulator sim =
                new Simulator(network(2, layer("h", -1, 1, 2, 4095, 0, 1, false, 1, 2)).build());
        IllegalArgumentException in =
                assertThrows(IllegalArgumentException.class, () -> sim.step(new int[] {5}, 1));
        assertTrue(in.getMessage().contains("axon 5"), in.getMessage());
    }
}
