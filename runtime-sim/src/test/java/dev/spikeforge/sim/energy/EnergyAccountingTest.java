package dev.spikeforge.sim.energy;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.sim.network.ActivityCounters;
import dev.spikeforge.sim.network.Simulator;
import dev.spikeforge.sim.testing.Nets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class EnergyAccountingTest {

    @Test
    void totalEqualsThePerCoreCountsTimesTheProfilesFigures() {
        CompiledNetwork net = Nets.random(7, new int[]{50, 120, 80, 10}, 0.3, 50, true, 0, 0, NeuronModel.CUBA_LIF, 32);
        Simulator sim = new Simulator(net);
        for (int[] in : Nets.input(7, 50, 30, 0.2)) sim.step(in, in.length);
        ActivityCounters c = sim.counters();
        EnergyModel m = net.getProfile().getEnergy();
        double byHand = c.inputHops() * m.getHopJ();
        int active = 0;
        for (int k = 0; k < c.cores(); k++) {
            boolean on = c.synapticOps(k) + c.spikes(k) + c.neuronUpdates(k) > 0;
            if (on) active++;
            byHand += c.synapticOps(k) * m.getSynapticOpJ() + c.spikes(k) * m.getSpikeJ() + c.neuronUpdates(k) * m.getNeuronUpdateJ()
                    + c.hops(k) * m.getHopJ() + (on ? m.getStaticPowerPerCoreW() * c.steps() * m.getStepSeconds() : 0);
        }
        assertTrue(active > 5, "most cores must work: " + active);
        EnergyBreakdown b = EnergyBreakdown.of(net, c, 3);
        assertEquals(byHand, b.total().totalJ(), byHand * 1e-12);
        assertEquals(byHand, b.sumOfParts(), byHand * 1e-12);
        double layers = b.inputHopJ();
        for (EnergyBreakdown.LayerEnergy l : b.layers()) layers += l.energy().totalJ();
        assertEquals(byHand, layers, byHand * 1e-12);
        // per core sums to totals for every count
        long ops = 0;
        for (int k = 0; k < c.cores(); k++) ops += c.synapticOps(k);
        assertEquals(c.totalSynapticOps(), ops);
        assertEquals(byHand / 3, b.perInference().totalJ(), byHand * 1e-12);
    }

    @Test
    void annComparisonCountsOneMacPerWeightPerInference() {
        CompiledNetwork net = Nets.random(3, new int[]{50, 120, 80, 10}, 0.3, 50, true, 0, 0, NeuronModel.CUBA_LIF, 32);
        // 50·120 + 120·120 (recurrent) + 120·80 + 80·10
        assertEquals(50 * 120 + 120 * 120 + 120 * 80 + 80 * 10, AnnComparison.macsPerInference(net));
        AnnComparison a = AnnComparison.of(net, 1e-9);
        assertEquals((50 * 120 + 120 * 120 + 120 * 80 + 80 * 10) * 4.6e-12, a.annJPerInference(), 1e-18);
        assertEquals(a.annJPerInference() / 1e-9, a.ratio(), 1e-9);
    }
}
