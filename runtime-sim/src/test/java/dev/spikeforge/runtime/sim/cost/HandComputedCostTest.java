package dev.spikeforge.runtime.sim.cost;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.*;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.testing.Nets;
import org.junit.jupiter.api.Test;

/**
 * A three-step run small enough to cost by hand. Two inputs drive two hidden neurons, one per core
 * on two chips, that both fire on step 1 into a two-neuron readout. Figures (Nets.costModel):
 * energies 1..11 pJ and latencies 1..11 ns in EventKind order (synaptic op dense 1, access 4,
 * update 5, spike 6, message out 7, message in 8, hop x 9, chip 11), barrier 200 ns from two tiles
 * on. Geometry: 2 × 2-core tiles on an 8-wide mesh, two chips side by side: core 0 (chip 0, tile
 * 0,0), core 1 (chip 1, board tile 4,0), core 2 (chip 0, tile 1,0); host enters at tile 0,0.
 */
class HandComputedCostTest {
    private static final double NS = 1e-9, PJ = 1e-12;

    static CompiledNetwork net(ChipProfile profile) {
        FixedLifParams.Builder fire =
                FixedLifParams.newBuilder().setDu(4095).setDv(0).setVthMant(1);
        CompiledLayer h =
                CompiledLayer.newBuilder()
                        .setName("h")
                        .setSource(-1)
                        .setSize(2)
                        .setFanIn(2)
                        .setWeightBits(8)
                        .addWeights(60)
                        .addWeights(0)
                        .addWeights(0)
                        .addWeights(60)
                        .setNeuron(fire)
                        .build();
        CompiledLayer o =
                CompiledLayer.newBuilder()
                        .setName("o")
                        .setSource(0)
                        .setSize(2)
                        .setFanIn(2)
                        .setWeightBits(8)
                        .addWeights(1)
                        .addWeights(1)
                        .addWeights(1)
                        .addWeights(1)
                        .setNeuron(fire.clone().setReadout(true))
                        .build();
        return CompiledNetwork.newBuilder()
                .setName("hand")
                .setInputSize(2)
                .setProfile(profile)
                .addLayers(h)
                .addLayers(o)
                .addCores(
                        Core.newBuilder()
                                .setId(0)
                                .setLayer(0)
                                .setNeuronBegin(0)
                                .setNeuronEnd(1)
                                .setChip(0))
                .addCores(
                        Core.newBuilder()
                                .setId(1)
                                .setLayer(0)
                                .setNeuronBegin(1)
                                .setNeuronEnd(2)
                                .setChip(1))
                .addCores(
                        Core.newBuilder()
                                .setId(2)
                                .setLayer(1)
                                .setNeuronBegin(0)
                                .setNeuronEnd(2)
                                .setChip(0)
                                .setX(2))
                .build();
    }

    static Simulator run(ChipProfile profile) {
        Simulator sim = new Simulator(net(profile));
        sim.step(new int[] {0, 1}, 2);
        sim.step(new int[0], 0);
        sim.step(new int[0], 0);
        return sim;
    }

    @Test
    void freeRunningStepIsTheBusiestCorePlusTheLongestTripPlusTheBarrier() {
        Simulator sim = run(Nets.costed(Pacing.FREE_RUNNING, 0));
        TimingReport t = sim.clock().report(1);
        // step 0: the host sends two messages, 2 · 7 = 14 ns; cores 0 and 1 each receive one with
        // one synaptic op and
        //   access their neuron: 4 + 8 + 1 = 13 ns; core 2 accesses two neurons: 8 ns. Longest
        // trip: host -> core 1,
        //   4 x hops and a chip crossing = 4·9 + 11 = 47 ns. Three tiles in use: barrier 200 ns. 14
        // + 47 + 200 = 261 ns.
        // step 1: cores 0 and 1 access, update, spike and send one message: 4 + 5 + 6 + 7 = 22 ns;
        // core 2 accesses two
        //   neurons and receives two messages of two ops each: 8 + 16 + 4 = 28 ns. Longest trip:
        // core 1 -> core 2,
        //   3 x hops and a crossing = 38 ns. 28 + 38 + 200 = 266 ns.
        // step 2: hidden neurons update (u is still set): 4 + 5 = 9 ns; the readout updates both: 8
        // + 10 = 18 ns; no
        //   message: 18 + 200 = 218 ns.
        assertEquals((261 + 266 + 218) * NS, t.chipSeconds(), 1e-18);
        assertEquals(218 * NS, t.minStepSeconds(), 1e-18);
        assertEquals(266 * NS, t.maxStepSeconds(), 1e-18);
        assertEquals(745.0 / 3 * NS, t.meanStepSeconds(), 1e-18);
        assertArrayEquals(new double[] {44 * NS, 44 * NS, 54 * NS}, t.busySeconds(), 1e-18);
        assertEquals(2, t.bottleneckCore(), "core 2 was the busiest on steps 1 and 2");
        assertEquals(1, t.bottleneckLayer());
        assertEquals(2, t.bottleneckSteps());
        // every latency and the barrier are ±20 %, so the band is the value × 0.8 and × 1.2
        assertArrayEquals(new double[] {745 * 0.8 * NS, 745 * 1.2 * NS}, t.chipBand(), 1e-17);
        assertEquals(0, t.overloads());
    }

    @Test
    void energyIsTheCountsTimesTheFiguresPlusStaticPowerOverChipTime() {
        Simulator sim = run(Nets.costed(Pacing.FREE_RUNNING, 0));
        TimingReport t = sim.clock().report(1);
        EnergyBreakdown b =
                EnergyBreakdown.of(sim.model(), sim.counters(), t, 1, AnnComparison.FP32_MAC_J);
        EnergyReport e = b.total();
        // accesses 12·4, ops 6·1, messages in 4·8, out (2 by cores, 2 by the host)·7, updates 6·5,
        // spikes 2·6,
        // x hops (1 + 3 + 4)·9, crossings 2·11
        double dynamic = (48 + 6 + 32 + 28 + 30 + 12 + 72 + 22) * PJ;
        assertEquals(dynamic, e.dynamicJ(), 1e-24);
        // two chips in use: 2 · 2 mW · 745 ns, and 1 pJ per chip and step
        double stat = 2 * 2e-3 * 745 * NS + 2 * 3 * PJ;
        assertEquals(stat, e.staticJ(), 1e-24);
        assertEquals(dynamic + stat, e.totalJ(), 1e-24);
        // low: energies -10 %, static power -50 % over the chip time at its low end (-20 %); high
        // likewise
        assertArrayEquals(
                new double[] {
                    0.9 * dynamic + 2 * 1e-3 * 745 * 0.8 * NS + 6 * PJ,
                    1.1 * dynamic + 2 * 3e-3 * 745 * 1.2 * NS + 6 * PJ
                },
                e.band(),
                1e-22);
        assertEquals(e.totalJ(), b.sumOfParts(), 1e-22);
        double layers = b.input().totalJ();
        for (EnergyBreakdown.LayerEnergy l : b.layers()) layers += l.energy().totalJ();
        assertEquals(e.totalJ(), layers, 1e-22);
        // chip 0's static share is split over its two cores, chip 1's goes to core 1 alone
        double chipStatic = 2e-3 * 745 * NS + 3 * PJ;
        assertEquals(chipStatic / 2, b.cores().get(0).energy().staticJ(), 1e-24);
        assertEquals(chipStatic, b.cores().get(1).energy().staticJ(), 1e-24);
        assertEquals(2 * 7 * PJ + 4 * 9 * PJ + 11 * PJ, b.input().totalJ(), 1e-24);
    }

    @Test
    void pacedStepsLastTheirPeriodAndAnOverrunCoreIsReported() {
        Simulator sim = run(Nets.costed(Pacing.PACED, 20 * NS));
        TimingReport t = sim.clock().report(1);
        assertEquals(3 * 20 * NS, t.chipSeconds(), 1e-18);
        // step 1: cores 0 and 1 need 22 ns and core 2 28 ns of a 20 ns step
        assertEquals(3, t.overloads());
        ChipClock.Overload first = t.overloadExamples().get(0);
        assertEquals(0, first.core());
        assertEquals(0, first.layer());
        assertEquals(1, first.step());
        assertEquals(22 * NS, first.busySeconds(), 1e-18);
        assertEquals(20 * NS, first.periodSeconds(), 1e-18);
        assertEquals(2, t.overloadExamples().get(2).core());
    }

    @Test
    void staticEnergyScalesWithChipTime() {
        ChipProfile p = Nets.costed(Pacing.FREE_RUNNING, 0);
        Simulator shortRun = run(p), longRun = run(p);
        for (int k = 0; k < 10; k++) longRun.step(new int[0], 0);
        double perSecondShort = staticPowerPart(shortRun), perSecondLong = staticPowerPart(longRun);
        assertTrue(
                longRun.clock().report(1).chipSeconds()
                        > 3 * shortRun.clock().report(1).chipSeconds());
        assertEquals(2 * 2e-3, perSecondShort, 1e-12);
        assertEquals(2 * 2e-3, perSecondLong, 1e-12);
    }

    /** (static energy − per-step energy) / chip time: the static power of the chips in use. */
    private static double staticPowerPart(Simulator sim) {
        TimingReport t = sim.clock().report(1);
        EnergyReport e =
                EnergyBreakdown.of(sim.model(), sim.counters(), t, 1, AnnComparison.FP32_MAC_J)
                        .total();
        return (e.staticJ() - 2 * sim.counters().steps() * PJ) / t.chipSeconds();
    }

    @Test
    void everyBandContainsItsValue() {
        Simulator sim = run(Nets.costed(Pacing.FREE_RUNNING, 0));
        TimingReport t = sim.clock().report(1);
        EnergyBreakdown b =
                EnergyBreakdown.of(sim.model(), sim.counters(), t, 1, AnnComparison.FP32_MAC_J);
        for (EnergyReport e :
                new EnergyReport[] {
                    b.total(), b.input(), b.cores().get(0).energy(), b.layers().get(1).energy()
                }) {
            assertTrue(
                    e.band()[0] <= e.totalJ() && e.totalJ() <= e.band()[1],
                    java.util.Arrays.toString(e.band()) + " vs " + e.totalJ());
        }
        assertTrue(t.chipBand()[0] <= t.chipSeconds() && t.chipSeconds() <= t.chipBand()[1]);
    }

    @Test
    void figuresOutsideTheirRangeOrNegativeAreRefusedByName() {
        ChipProfile p = Nets.costed(Pacing.FREE_RUNNING, 0);
        ChipProfile bad =
                p.toBuilder()
                        .setCost(
                                p.getCost().toBuilder()
                                        .setSpike(
                                                EventCost.newBuilder()
                                                        .setEnergyJ(
                                                                Figure.newBuilder()
                                                                        .setValue(5e-12)
                                                                        .setLow(6e-12)
                                                                        .setHigh(7e-12))
                                                        .setLatencyS(
                                                                Figure.newBuilder().setValue(-1))))
                        .build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ChipCosts.of(bad));
        assertTrue(
                e.getMessage()
                        .contains("cost.spike.energy_j: value 5.0E-12 lies outside its range"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("cost.spike.latency_s.value is -1.0, outside"),
                e.getMessage());
        ChipProfile paced =
                p.toBuilder()
                        .setCost(p.getCost().toBuilder().setPacing(Pacing.PACED).clearStepPeriodS())
                        .build();
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> ChipCosts.of(paced))
                        .getMessage()
                        .contains("step_period_s: must be > 0 for a PACED chip"));
    }
}
