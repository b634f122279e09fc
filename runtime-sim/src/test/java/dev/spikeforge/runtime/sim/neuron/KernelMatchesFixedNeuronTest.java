package dev.spikeforge.runtime.sim.neuron;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.neuron.FixedNeuron;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.neuron.NeuronState;
import dev.spikeforge.neuron.codec.NeuronCodec;
import dev.spikeforge.proto.*;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kernel, called per segment on a partition's delay-line slot as the simulator calls it, is
 * bit-equal to the neuron module's model stepped over the whole layer, for every model and option
 * (per-neuron thresholds, both resets, readout, refractory periods 0..3, weight exponents), with
 * states at the 24-bit edges; and its counts (active neurons, spikes, the spike list, the quiet
 * flag) are what the states say.
 */
class KernelMatchesFixedNeuronTest {
    private static final int N = 200;

    @Test
    void equalOnRandomStatesInputsAndParameters() {
        Random r = new Random(42);
        for (int trial = 0; trial < 600; trial++) {
            NeuronModel kind = NeuronModel.forNumber(trial % 3);
            CompiledLayer layer = randomLayer(r, kind);
            String what =
                    "trial "
                            + trial
                            + " "
                            + layer.getNeuron().toString().replace('\n', ' ')
                            + " exp "
                            + layer.getWeightExp();
            NeuronKernel kernel = NeuronKernel.of(layer);
            FixedNeuron ref = NeuronCodec.fromProto(layer);
            NeuronState s = ref.newState(N), expected = ref.newState(N);
            int[] bias = r.nextBoolean() ? null : new int[N];
            randomState(r, s, bias, kind == NeuronModel.INTEGRATE_AND_FIRE);
            copy(s, expected);
            for (int step = 0; step < 6; step++) {
                // the partition starts at neuron `base`; its slot holds this step's sums from there
                // on
                int base = r.nextInt(3) * 64, len = N - base;
                int[] acc = new int[len], a = new int[N];
                for (int i = 0; i < len; i++) {
                    acc[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(1 << 18) - (1 << 17);
                    a[base + i] = FixedPoint.applyWeightExponent(acc[i], layer.getWeightExp());
                }
                int[] activeBefore = activity(expected, a, bias);
                ref.step(expected, a, 0, bias, base, N, null, 0);
                SegmentTally t = new SegmentTally();
                int[] list = new int[len];
                int count = 0;
                for (int from = base; from < N; ) {
                    int to = Math.min(N, from + 1 + r.nextInt(64));
                    t.start(list, count);
                    kernel.update(s, acc, base, bias, from, to, t);
                    String seg = what + " step " + step + " [" + from + ", " + to + ")";
                    assertEquals(sum(activeBefore, from, to), t.active, seg + ": active neurons");
                    assertEquals(t.spikeCount - count, t.spikes, seg + ": spikes");
                    for (int k = count; k < t.spikeCount; k++)
                        assertTrue(list[k] >= from && list[k] < to && s.spikes[list[k]], seg);
                    assertEquals(quiet(expected, from, to), t.quiet, seg + ": quiet");
                    count = t.spikeCount;
                    from = to;
                }
                String at = what + " step " + step;
                assertArrayEquals(expected.u, s.u, at + ": u");
                assertArrayEquals(expected.v, s.v, at + ": v");
                assertArrayEquals(expected.spikes, s.spikes, at + ": spikes");
                assertArrayEquals(expected.refractory, s.refractory, at + ": refractory");
                assertArrayEquals(
                        new int[len], acc, at + ": the kernel consumes the delay-line slot");
                int spiking = 0;
                for (int n = base; n < N; n++)
                    if (s.spikes[n])
                        assertEquals(n, list[spiking++], at + ": spike list in ascending order");
                assertEquals(spiking, count, at);
            }
        }
    }

    private static CompiledLayer randomLayer(Random r, NeuronModel kind) {
        boolean readout = r.nextInt(6) == 0;
        FixedLifParams.Builder p =
                FixedLifParams.newBuilder()
                        .setModel(kind)
                        .setReadout(readout)
                        .setReset(
                                r.nextBoolean()
                                        ? ResetMode.RESET_BY_SUBTRACTION
                                        : ResetMode.RESET_TO_ZERO)
                        .setRefractorySteps(r.nextInt(4));
        if (kind == NeuronModel.CUBA_LIF) p.setDu(r.nextInt(4096)).setDv(r.nextInt(4096));
        if (kind == NeuronModel.SHIFT_LIF) p.setSynShift(r.nextInt(24)).setMemShift(r.nextInt(24));
        CompiledLayer.Builder l =
                CompiledLayer.newBuilder().setName("k").setSize(N).setWeightExp(r.nextInt(9) - 4);
        // small thresholds so that many neurons spike, large ones near the 24-bit edge
        if (r.nextBoolean()) {
            p.setVthMant(threshold(r));
        } else {
            for (int n = 0; n < N; n++) l.addVthMants(threshold(r));
        }
        return l.setNeuron(p).build();
    }

    private static int threshold(Random r) {
        return r.nextInt(4) == 0
                ? 131071 - r.nextInt(64)
                : 1 + r.nextInt(r.nextBoolean() ? 200 : 131071);
    }

    /**
     * A quarter idle, a quarter at the 24-bit edges, the rest anywhere in range; some neurons
     * refractory.
     */
    private static void randomState(Random r, NeuronState s, int[] bias, boolean noCurrent) {
        for (int n = 0; n < s.size(); n++) {
            int kind = r.nextInt(4);
            s.u[n] = noCurrent ? 0 : register(r, kind);
            s.v[n] = register(r, kind);
            if (bias != null) bias[n] = kind == 0 ? 0 : (r.nextInt(8191) - 4095) << r.nextInt(8);
            if (s.refractory != null) s.refractory[n] = kind == 0 ? 0 : r.nextInt(4);
        }
    }

    private static int register(Random r, int kind) {
        int max = FixedPoint.MAX_STATE;
        return kind == 0
                ? 0
                : kind == 1
                        ? (r.nextBoolean() ? 1 : -1) * (max - r.nextInt(64))
                        : r.nextInt(2 * max) - max;
    }

    private static void copy(NeuronState from, NeuronState to) {
        System.arraycopy(from.u, 0, to.u, 0, from.size());
        System.arraycopy(from.v, 0, to.v, 0, from.size());
        if (from.refractory != null)
            System.arraycopy(from.refractory, 0, to.refractory, 0, from.size());
    }

    /** 1 for each neuron with input, bias or any state before the step. */
    private static int[] activity(NeuronState s, int[] a, int[] bias) {
        int[] active = new int[s.size()];
        for (int n = 0; n < active.length; n++) {
            boolean any =
                    a[n] != 0
                            || s.u[n] != 0
                            || s.v[n] != 0
                            || (bias != null && bias[n] != 0)
                            || (s.refractory != null && s.refractory[n] != 0);
            active[n] = any ? 1 : 0;
        }
        return active;
    }

    private static boolean quiet(NeuronState s, int from, int to) {
        for (int n = from; n < to; n++) {
            if (s.u[n] != 0
                    || s.v[n] != 0
                    || s.spikes[n]
                    || (s.refractory != null && s.refractory[n] != 0)) return false;
        }
        return true;
    }

    private static int sum(int[] a, int from, int to) {
        int s = 0;
        for (int n = from; n < to; n++) s += a[n];
        return s;
    }
}
