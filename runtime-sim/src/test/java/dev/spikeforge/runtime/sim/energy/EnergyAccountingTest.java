package dev.spikeforge.runtime.sim.energy;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.Pacing;
import dev.spikeforge.runtime.sim.cost.AnnWork;
import dev.spikeforge.runtime.sim.cost.Bound;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.cost.TimingReport;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.testing.Nets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnergyAccountingTest {

    /**
     * The random test network with its cores spread over two chips' meshes (core k at slot 17·k).
     */
    static CompiledNetwork spread(long seed) {
        CompiledNetwork net =
                Nets.random(
                        seed,
                        new int[] {50, 120, 80, 10},
                        0.3,
                        50,
                        true,
                        0,
                        0,
                        NeuronModel.CUBA_LIF,
                        32);
        CompiledNetwork.Builder b = net.toBuilder().setProfile(Nets.costed(Pacing.FREE_RUNNING, 0));
        for (int k = 0; k < b.getCoresCount(); k++) {
            int slot = 17 * k;
            Core.Builder c = b.getCoresBuilder(k);
            c.setChip(slot / 64).setX(slot % 64 % 8).setY(slot % 64 / 8);
        }
        return b.build();
    }

    @Test
    void totalEqualsThePerCoreCountsTimesTheFiguresPlusStatic() {
        CompiledNetwork net = spread(7);
        Simulator sim = new Simulator(net);
        for (int[] in : Nets.input(7, 50, 30, 0.2)) sim.step(in, in.length);
        ActivityCounters c = sim.counters();
        TimingReport t = sim.clock().report(3);
        ChipCosts costs = sim.model().costs();
        double byHand = 0;
        // the host's column: the messages it sends and their hops
        for (EventKind e : EventKind.ALL)
            byHand += c.count(e, c.host()) * costs.energyJ(Bound.VALUE, e);
        assertTrue(
                c.inputMessages() > 0
                        && c.count(EventKind.HOP_X, c.host()) + c.count(EventKind.HOP_Y, c.host())
                                > 0);
        Set<Integer> chips = new HashSet<>();
        for (int k = 0; k < c.cores(); k++) {
            chips.add(net.getCores(k).getChip());
            for (EventKind e : EventKind.ALL)
                byHand += c.count(e, k) * costs.energyJ(Bound.VALUE, e);
        }
        assertEquals(2, chips.size(), "the cores must span both chips");
        assertTrue(c.totalChipHops() > 0 && c.totalHops() > 0);
        byHand += chips.size() * (2e-3 * t.chipSeconds() + 1e-12 * c.steps());
        EnergyBreakdown b = EnergyBreakdown.of(sim.model(), c, t, 3, AnnComparison.FP32_MAC_J);
        assertEquals(byHand, b.total().totalJ(), byHand * 1e-12);
        assertEquals(byHand, b.sumOfParts(), byHand * 1e-12);
        double layers = b.input().totalJ();
        for (EnergyBreakdown.LayerEnergy l : b.layers()) layers += l.energy().totalJ();
        assertEquals(byHand, layers, byHand * 1e-12);
        long ops = 0;
        for (int k = 0; k < c.cores(); k++) ops += c.synapticOps(k);
        assertEquals(c.totalSynapticOps(), ops);
        assertEquals(byHand / 3, b.perInference().totalJ(), byHand * 1e-12);
        assertEquals(t.chipSeconds() / 3, t.latencyPerInference(), 1e-18);
    }

    @Test
    void countsAndTimesDoNotDependOnThreads() {
        CompiledNetwork net = spread(11);
        Simulator one = new Simulator(net),
                two =
                        new Simulator(
                                net,
                                new dev.spikeforge.runtime.sim.engine.SimOptions(
                                        2, dev.spikeforge.runtime.sim.synapse.KernelChoice.AUTO));
        try (two) {
            for (int[] in : Nets.input(11, 50, 40, 0.3)) {
                one.step(in, in.length);
                two.step(in, in.length);
            }
            for (EventKind e : EventKind.ALL)
                for (int k = 0; k < one.counters().cores(); k++)
                    assertEquals(
                            one.counters().count(e, k),
                            two.counters().count(e, k),
                            e + " core " + k);
            for (Bound bound : Bound.ALL)
                assertEquals(one.clock().timeFs(bound), two.clock().timeFs(bound));
        }
    }

    @Test
    void annBaselinesCountOneMacPerConnectionAndOneReadPerWeight() {
        CompiledNetwork net =
                Nets.random(
                        3,
                        new int[] {50, 120, 80, 10},
                        0.3,
                        50,
                        true,
                        0,
                        0,
                        NeuronModel.CUBA_LIF,
                        32);
        long macs =
                50 * 120 + 120 * 120 + 120 * 80
                        + 80 * 10; // dense matrices, the recurrent one included
        AnnWork w = AnnWork.of(net);
        assertEquals(macs, w.macs());
        assertEquals(macs, w.weights());
        AnnComparison a = AnnComparison.of(w, 1e-9);
        // fp32: 4.6 pJ per MAC; 4 B × 30,800 weights = 123 KB, read from the 1 MB SRAM at 100 pJ
        // per 64 bits
        assertEquals(macs * 4.6e-12 + macs * 100e-12 / 2, a.fp32().totalJ(), 1e-18);
        assertEquals("1 MB SRAM", a.fp32().memory());
        // int8: 0.23 pJ per MAC; 30.8 KB fits the 32 KB SRAM at 20 pJ per 64 bits
        assertEquals(macs * 0.23e-12 + macs * 20e-12 / 8, a.int8().totalJ(), 1e-18);
        assertEquals("32 KB SRAM", a.int8().memory());
        assertEquals(a.fp32().totalJ() / 1e-9, a.ratio(), 1e-9);
        // a layer stating its distinct weights (e.g. a conv kernel) reads only those
        var sparse = net.toBuilder();
        sparse.getLayersBuilder(1).setWeightParameters(7);
        assertEquals(macs - 120 * 80 + 7, AnnWork.of(sparse.build()).weights());
    }
}
