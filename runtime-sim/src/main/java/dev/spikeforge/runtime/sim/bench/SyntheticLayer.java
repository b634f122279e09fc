package dev.spikeforge.runtime.sim.bench;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.SparseWeights;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The benchmark network: N_in input axons, each with {@code fanout} distinct random targets among
 * N_out CUBA LIF neurons (random non-zero 8-bit weights), stored as sparse_weights so 10^7 synapses
 * stay cheap to build. The neurons sit on cores of 1,024 like a Loihi-like mapping.
 * Bench/brian2_sim.py builds the same shape in Brian2.
 */
public final class SyntheticLayer {
    public static final int NEURONS_PER_CORE = 1024;

    /** du = 410, dv = 410: both registers keep 90 % per step (τ ≈ 10 steps). */
    public static final int DU = 409, DV = 410;

    /**
     * Threshold mantissa: an average input of 2 % activity × 1,000 synapses × |w| ≈ 64 drives about
     * one spike per 10 steps.
     */
    public static final int VTH_MANT = 2000;

    private SyntheticLayer() {}

    public static CompiledNetwork build(int nIn, int nOut, int fanout, long seed) {
        if (nIn < 1 || nOut < 1)
            throw new IllegalArgumentException("--n-in and --n-out must be >= 1");
        if (fanout < 1 || fanout > nOut)
            throw new IllegalArgumentException(
                    "--fanout must be in [1, n-out = " + nOut + "], got " + fanout);
        long synapses = (long) nIn * fanout;
        if (synapses > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException(
                    synapses + " synapses: more than one layer can hold");
        SplittableRandom r = new SplittableRandom(seed);
        int[] start = new int[nIn + 1];
        int[] target = new int[(int) synapses];
        int[] weight = new int[(int) synapses];
        int[] perm = new int[nOut];
        for (int i = 0; i < nOut; i++) perm[i] = i;
        for (int i = 0; i < nIn; i++) {
            int off = i * fanout;
            // Partial Fisher-Yates: the first `fanout` entries of perm become a uniform random
            // subset.
            for (int k = 0; k < fanout; k++) {
                int j = k + r.nextInt(nOut - k);
                int t = perm[k];
                perm[k] = perm[j];
                perm[j] = t;
                target[off + k] = perm[k];
            }
            Arrays.sort(target, off, off + fanout);
            for (int k = 0; k < fanout; k++) {
                int w = r.nextInt(-127, 128);
                weight[off + k] = w == 0 ? 1 : w;
            }
            start[i + 1] = off + fanout;
        }
        SparseWeights.Builder sw = SparseWeights.newBuilder();
        for (int s : start) sw.addSourceStart(s);
        for (int t : target) sw.addTarget(t);
        for (int w : weight) sw.addWeight(w);
        CompiledLayer layer =
                CompiledLayer.newBuilder()
                        .setName("lif")
                        .setSize(nOut)
                        .setSource(-1)
                        .setFanIn(nIn)
                        .setWeightBits(8)
                        .setSparseWeights(sw)
                        .setNeuron(
                                FixedLifParams.newBuilder()
                                        .setDu(DU)
                                        .setDv(DV)
                                        .setVthMant(VTH_MANT))
                        .build();
        CompiledNetwork.Builder net =
                CompiledNetwork.newBuilder()
                        .setName("bench-" + nIn + "x" + nOut + "x" + fanout)
                        .setInputSize(nIn)
                        .setProfile(ChipProfile.newBuilder().setName("synthetic"))
                        .addLayers(layer);
        for (int c = 0, b = 0; b < nOut; c++, b += NEURONS_PER_CORE) {
            net.addCores(
                    Core.newBuilder()
                            .setId(c)
                            .setLayer(0)
                            .setNeuronBegin(b)
                            .setNeuronEnd(Math.min(nOut, b + NEURONS_PER_CORE)));
        }
        return net.build();
    }

    /**
     * Per step, the input axons that spike: each independently with probability {@code activity}.
     */
    public static int[][] inputs(int nIn, double activity, int steps, long seed) {
        if (!(activity >= 0 && activity <= 1))
            throw new IllegalArgumentException("--activity must be in [0, 1], got " + activity);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[][] out = new int[steps][];
        int[] buf = new int[nIn];
        for (int t = 0; t < steps; t++) {
            int n = 0;
            for (int i = 0; i < nIn; i++) if (r.nextDouble() < activity) buf[n++] = i;
            out[t] = Arrays.copyOf(buf, n);
        }
        return out;
    }
}
