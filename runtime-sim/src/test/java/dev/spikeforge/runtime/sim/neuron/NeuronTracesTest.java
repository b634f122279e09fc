package dev.spikeforge.runtime.sim.neuron;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.neuron.NeuronState;
import dev.spikeforge.proto.*;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;
import dev.spikeforge.runtime.sim.testing.Nets;
import org.junit.jupiter.api.Test;

/** Single-neuron traces computed by hand, one per rule of the fixed-point models. */
class NeuronTracesTest {

    /**
     * Runs {@code steps} steps with input axon 0 spiking on the steps where {@code on[t]}; returns
     * {u, v, spike} per step.
     */
    private static int[][] trace(CompiledNetwork net, int steps, boolean... on) {
        Simulator sim = new Simulator(net);
        int[][] out = new int[steps][];
        int[] spike = {0}, none = {};
        for (int t = 0; t < steps; t++) {
            int[] in = t < on.length && on[t] ? spike : none;
            StepOutput o = sim.step(in, in.length);
            out[t] = new int[] {sim.currents(0)[0], sim.voltages(0)[0], o.spikeCount()};
        }
        return out;
    }

    private static boolean[] always(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    private static FixedLifParams.Builder cuba(int du, int dv, int vth) {
        return FixedLifParams.newBuilder().setDu(du).setDv(dv).setVthMant(vth);
    }

    @Test
    void spikesOnlyWhenVoltageExceedsTheThreshold() {
        // input 25 << 6 = 1600 per step, threshold 25 << 6 = 1600: v = 1600 is not above it, 3200
        // is
        int[][] t = trace(Nets.single(cuba(4095, 0, 25), 25), 4, true, true, true);
        assertArrayEquals(new int[] {1600, 1600, 0}, t[1]);
        assertArrayEquals(new int[] {1600, 0, 1}, t[2]);
        assertArrayEquals(new int[] {1600, 1600, 0}, t[3]);
    }

    @Test
    void resetBySubtractionKeepsTheExcess() {
        // 640 per step, threshold 1600: 640, 1280, 1920 -> spike, 320; 960; 1600 (no spike); 2240
        // -> spike, 640
        int[][] t =
                trace(
                        Nets.single(cuba(4095, 0, 25).setReset(ResetMode.RESET_BY_SUBTRACTION), 10),
                        7,
                        always(7));
        int[] v = new int[7], z = new int[7];
        for (int s = 0; s < 7; s++) {
            v[s] = t[s][1];
            z[s] = t[s][2];
        }
        assertArrayEquals(new int[] {0, 640, 1280, 320, 960, 1600, 640}, v);
        assertArrayEquals(new int[] {0, 0, 0, 1, 0, 0, 1}, z);
    }

    @Test
    void biasAloneDrivesANeuronWithNoInput() {
        // bias 100 << 4 = 1600 per step, threshold 1600: 1600, 3200 -> spike, 1600, spike ...
        int[][] t = trace(Nets.single(cuba(4095, 0, 25), 10, 100, 4), 4);
        assertArrayEquals(new int[] {0, 1600, 0}, t[0]);
        assertArrayEquals(new int[] {0, 0, 1}, t[1]);
        assertArrayEquals(new int[] {0, 1600, 0}, t[2]);
        assertArrayEquals(new int[] {0, 0, 1}, t[3]);
    }

    @Test
    void currentWrapsAt24Bits() {
        // nine axons of weight 127 with weight_exp 7: a = 9 · 127 · 128 = 146304; a << 6 = 9363456
        // > 2^23
        // wraps to 9363456 - 2^24 = -7413760 (and v, with no leak, takes that value)
        CompiledLayer.Builder l =
                CompiledLayer.newBuilder()
                        .setName("n")
                        .setSize(1)
                        .setSource(-1)
                        .setFanIn(9)
                        .setWeightBits(8)
                        .setWeightExp(7)
                        .setNeuron(cuba(4095, 0, 1000));
        for (int i = 0; i < 9; i++) l.addWeights(127);
        CompiledNetwork net =
                Nets.onCores(
                                CompiledNetwork.newBuilder()
                                        .setName("wrap")
                                        .setInputSize(9)
                                        .setProfile(Nets.permissive())
                                        .addLayers(l))
                        .build();
        Simulator sim = new Simulator(net);
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        sim.step(all, 9);
        sim.step(new int[0], 0);
        assertEquals(-7413760, sim.currents(0)[0]);
        assertEquals(-7413760, sim.voltages(0)[0]);
    }

    @Test
    void voltageClipsAt24BitsBothWays() {
        // readout (never spikes), eight axons: a << 6 = 8 · 127 · 128 · 64 = 8323072 per step; v
        // saturates at 2^23 - 1
        for (int sign : new int[] {1, -1}) {
            CompiledLayer.Builder l =
                    CompiledLayer.newBuilder()
                            .setName("r")
                            .setSize(1)
                            .setSource(-1)
                            .setFanIn(8)
                            .setWeightBits(8)
                            .setWeightExp(7)
                            .setNeuron(cuba(4095, 0, 1).setReadout(true));
            for (int i = 0; i < 8; i++) l.addWeights(sign * 127);
            CompiledNetwork net =
                    Nets.onCores(
                                    CompiledNetwork.newBuilder()
                                            .setName("clip")
                                            .setInputSize(8)
                                            .setProfile(Nets.permissive())
                                            .addLayers(l))
                            .build();
            Simulator sim = new Simulator(net);
            int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
            int[] v = new int[4];
            for (int s = 0; s < 4; s++) {
                sim.step(all, 8);
                v[s] = sim.voltages(0)[0];
            }
            assertArrayEquals(
                    new int[] {0, sign * 8323072, sign * 8388607, sign * 8388607},
                    v,
                    "sign " + sign);
        }
    }

    @Test
    void shiftLeakHalvesTheCurrentAndTakesAQuarterOfTheVoltage() {
        FixedLifParams.Builder p =
                FixedLifParams.newBuilder()
                        .setModel(NeuronModel.SHIFT_LIF)
                        .setSynShift(1)
                        .setMemShift(2)
                        .setVthMant(1000);
        int[][] t = trace(Nets.single(p, 16), 5, true);
        // step 1: u = 1024, v = 1024; 2: u = 512, v = 1024 - 256 + 512 = 1280; 3: u = 256, v = 1280
        // - 320 + 256 = 1216;
        // 4: u = 128, v = 1216 - 304 + 128 = 1040
        int[][] expected = {
            {0, 0, 0}, {1024, 1024, 0}, {512, 1280, 0}, {256, 1216, 0}, {128, 1040, 0}
        };
        for (int s = 0; s < 5; s++) assertArrayEquals(expected[s], t[s], "step " + s);
        int[][] neg = trace(Nets.single(p, -16), 3, true);
        // arithmetic shift: u = -1024 - (-512) = -512; v = -1024 - (-256) + (-512) = -1280
        assertArrayEquals(new int[] {-512, -1280, 0}, neg[2]);
    }

    @Test
    void shiftLeakStallsSmallPositiveValuesAndDrainsNegativeOnes() {
        CompiledLayer layer =
                Nets.single(
                                FixedLifParams.newBuilder()
                                        .setModel(NeuronModel.SHIFT_LIF)
                                        .setSynShift(2)
                                        .setMemShift(2)
                                        .setVthMant(1000),
                                1)
                        .getLayers(0);
        // two neurons: the kernel holds one threshold per neuron of the layer
        NeuronKernel k = NeuronKernel.of(layer.toBuilder().setSize(2).build());
        NeuronState s = new NeuronState(2, false);
        s.v[0] = 3; // 3 >> 2 = 0: never decays
        s.v[1] = -3; // -3 >> 2 = -1: -2, then -1, then -1 >> 2 = -1 -> 0
        SegmentTally tally = new SegmentTally();
        int[] acc = new int[2];
        int[][] v = new int[4][];
        for (int step = 0; step < 4; step++) {
            tally.start(new int[2], 0);
            k.update(s, acc, 0, null, 0, 2, tally);
            v[step] = s.v.clone();
        }
        assertArrayEquals(new int[][] {{3, -2}, {3, -1}, {3, 0}, {3, 0}}, v);
    }

    @Test
    void integrateAndFireHasNoLeakAndNoCurrentRegister() {
        FixedLifParams.Builder p =
                FixedLifParams.newBuilder().setModel(NeuronModel.INTEGRATE_AND_FIRE).setVthMant(25);
        int[][] t = trace(Nets.single(p, 10), 7, always(7));
        int[][] expected = {
            {0, 0, 0}, {0, 640, 0}, {0, 1280, 0}, {0, 0, 1}, {0, 640, 0}, {0, 1280, 0}, {0, 0, 1}
        };
        for (int s = 0; s < 7; s++) assertArrayEquals(expected[s], t[s], "step " + s);
        // with no input v stays where it is (no leak), unlike a CUBA neuron with dv > 0
        int[][] hold = trace(Nets.single(p, 10), 5, false, true);
        assertEquals(640, hold[4][1]);
    }

    @Test
    void refractoryPeriodHoldsVoltageButCurrentKeepsIntegrating() {
        // 1920 per step > threshold 1600: without refractory it fires on every step from 1; with 2
        // steps it fires on 1, 4, 7
        int[][] t = trace(Nets.single(cuba(4095, 0, 25).setRefractorySteps(2), 30), 8, always(8));
        int[] z = new int[8], v = new int[8], u = new int[8];
        for (int s = 0; s < 8; s++) {
            u[s] = t[s][0];
            v[s] = t[s][1];
            z[s] = t[s][2];
        }
        assertArrayEquals(new int[] {0, 1, 0, 0, 1, 0, 0, 1}, z);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0}, v);
        assertArrayEquals(new int[] {0, 1920, 1920, 1920, 1920, 1920, 1920, 1920}, u);
    }

    @Test
    void refractoryNeedsTheProfilesSupport() {
        CompiledNetwork net =
                Nets.single(cuba(4095, 0, 25).setRefractorySteps(2), 30).toBuilder()
                        .setProfile(ChipProfile.newBuilder().setName("loihi1"))
                        .build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Simulator(net));
        assertTrue(
                e.getMessage().contains("neuron.refractory_steps is 2")
                        && e.getMessage().contains("max_refractory_steps"),
                e.getMessage());
        CompiledNetwork shift =
                Nets.single(
                                FixedLifParams.newBuilder()
                                        .setModel(NeuronModel.SHIFT_LIF)
                                        .setVthMant(5),
                                1)
                        .toBuilder()
                        .setProfile(ChipProfile.newBuilder().setName("loihi1"))
                        .build();
        e = assertThrows(IllegalArgumentException.class, () -> new Simulator(shift));
        assertTrue(
                e.getMessage().contains("SHIFT_LIF") && e.getMessage().contains("neuron_models"),
                e.getMessage());
    }
}
