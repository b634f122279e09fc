package dev.spikeforge.sim.neuron;

import dev.spikeforge.neuron.CubaLif;
import dev.spikeforge.neuron.Firing;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.neuron.NeuronState;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.*;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The fused CUBA kernel is bit-equal to the neuron module's CubaLif.step, extremes included. */
class CubaKernelMatchesFixedLifTest {

    @Test
    void equalOnRandomStatesInputsAndParameters() {
        Random r = new Random(42);
        int n = 256;
        for (int trial = 0; trial < 200; trial++) {
            int du = r.nextInt(4096), dv = r.nextInt(4096), vth = 1 + r.nextInt(131071);
            boolean sub = r.nextBoolean(), readout = r.nextInt(5) == 0;
            int exp = r.nextInt(9) - 4;
            CompiledLayer layer = CompiledLayer.newBuilder().setName("k").setSize(n).setWeightExp(exp)
                    .setNeuron(FixedLifParams.newBuilder().setDu(du).setDv(dv).setVthMant(vth).setReadout(readout)
                            .setReset(sub ? ResetMode.RESET_BY_SUBTRACTION : ResetMode.RESET_TO_ZERO)).build();
            NeuronKernel kernel = NeuronKernel.of(layer);
            CubaLif ref = new CubaLif(du, dv, Firing.of(vth, sub ? Reset.BY_SUBTRACTION : Reset.TO_ZERO, readout, 0));
            NeuronState s = new NeuronState(n, false), r0 = ref.newState(n);
            int[] u = r0.u, v = r0.v, bias = new int[n];
            boolean[] z = r0.spikes;
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(4);
                // a quarter idle, a quarter at the 24-bit edges, the rest anywhere in range
                u[i] = kind == 0 ? 0 : kind == 1 ? (r.nextBoolean() ? 1 : -1) * (FixedPoint.MAX_STATE - r.nextInt(64)) : r.nextInt(2 * FixedPoint.MAX_STATE) - FixedPoint.MAX_STATE;
                v[i] = kind == 0 ? 0 : kind == 1 ? (r.nextBoolean() ? 1 : -1) * (FixedPoint.MAX_STATE - r.nextInt(64)) : r.nextInt(2 * FixedPoint.MAX_STATE) - FixedPoint.MAX_STATE;
                bias[i] = kind == 0 ? 0 : (r.nextInt(8191) - 4095) << r.nextInt(8);
            }
            System.arraycopy(u, 0, s.u, 0, n);
            System.arraycopy(v, 0, s.v, 0, n);
            for (int step = 0; step < 5; step++) {
                int[] acc = new int[n], a = new int[n];
                for (int i = 0; i < n; i++) {
                    acc[i] = i % 4 == 0 ? 0 : r.nextInt(1 << 18) - (1 << 17);
                    a[i] = FixedPoint.applyWeightExponent(acc[i], exp);
                }
                SegmentTally t = new SegmentTally();
                t.start(new int[n], 0);
                kernel.update(s, acc, 0, bias, 0, n, t);
                int refSpikes = ref.step(r0, a, bias);
                assertArrayEquals(u, s.u, "u, trial " + trial + " step " + step);
                assertArrayEquals(v, s.v, "v, trial " + trial + " step " + step);
                assertArrayEquals(z, s.spikes, "spikes, trial " + trial + " step " + step);
                assertEquals(refSpikes, t.spikes);
                assertArrayEquals(new int[n], acc, "the kernel consumes the delay-line slot");
            }
        }
    }
}
