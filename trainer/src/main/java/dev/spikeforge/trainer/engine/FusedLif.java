package dev.spikeforge.trainer.engine;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.trainer.surrogate.Surrogate;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LIF recurrence of a feed-forward layer as one pass over its float buffers instead of five to
 * nine ND4J passes (each elementwise ND4J op reads and writes the whole [T·B, n] block on one
 * thread). Forward: current, bias, leak, spike and reset per element and step; backward with the
 * detached reset: surrogate derivative, reset factor and the reverse scan. Same equations and, step
 * by step, the same order of float operations as {@link FeedForwardLif}'s ND4J form, which still
 * runs double precision (gradient checks), the smooth test mode and hybrid activations.
 *
 * <p>Work is cut by sample (each part runs all steps of its samples), a tile of neurons at a time:
 * each step's tile is copied into small Java arrays (with the carried state, in L1), computed by
 * branch-free loops the JIT vectorizes, and copied back. Every element is computed the same way
 * whatever the thread count.
 */
final class FusedLif {
    /** Neurons per tile: the tile arrays (7 × 4 KB) stay in L1. */
    private static final int TILE = 1024;

    private static final ThreadLocal<Tiles> TILES = ThreadLocal.withInitial(Tiles::new);

    private FusedLif() {}

    /** Per-thread tile arrays. */
    private static final class Tiles {
        final float[] u = new float[TILE],
                post = new float[TILE],
                v = new float[TILE],
                z = new float[TILE],
                g = new float[TILE],
                sigma = new float[TILE];
    }

    /** Float buffers, a spiking layer, binary spikes: what the fused kernels compute. */
    static boolean applies(LayerBuffers buf, EngineOptions options, boolean spiking) {
        return spiking
                && buf.potential().all().dataType() == DataType.FLOAT
                && (options == null || (!options.smoothForward() && options.quantizer() == null));
    }

    /**
     * On entry {@code v} holds the drive a[t]; on exit ṽ[t] (pre-reset potential), {@code z} the
     * spikes: u[t] = a[t] + (1−du)·u[t−1]; ṽ[t] = u[t] + b + (1−dv)·v[t−1]; z = ṽ &gt; θ; v[t] =
     * ṽ·(1−z) (or ṽ − θz).
     *
     * @param bias one value per neuron
     */
    static void forward(StepBlocks v, StepBlocks z, FloatLif n, float[] bias) {
        int steps = v.steps(), batch = v.batch(), width = v.width();
        FloatBuffer vb = buffer(v.all()), zb = buffer(z.all());
        int vOff = offset(v.all()), zOff = offset(z.all());
        float keepU = (float) (1 - n.du()),
                keepV = (float) (1 - n.dv()),
                theta = (float) n.threshold();
        boolean toZero = n.reset() == Reset.TO_ZERO;
        KernelThreads.run(
                batch,
                b -> {
                    Tiles x = TILES.get();
                    float[] u = x.u, post = x.post, vt = x.v, zt = x.z;
                    for (int j0 = 0; j0 < width; j0 += TILE) {
                        int m = Math.min(TILE, width - j0);
                        for (int t = 0; t < steps; t++) {
                            int row = (t * batch + b) * width + j0;
                            vb.get(vOff + row, vt, 0, m);
                            if (t > 0 && keepU != 0) {
                                for (int j = 0; j < m; j++) vt[j] += keepU * u[j];
                            }
                            if (keepU != 0) System.arraycopy(vt, 0, u, 0, m);
                            for (int j = 0; j < m; j++) vt[j] += bias[j0 + j];
                            if (t > 0 && keepV != 0) {
                                for (int j = 0; j < m; j++) vt[j] += keepV * post[j];
                            }
                            for (int j = 0; j < m; j++) zt[j] = vt[j] > theta ? 1f : 0f;
                            if (toZero) {
                                for (int j = 0; j < m; j++) post[j] = vt[j] * (1f - zt[j]);
                            } else {
                                for (int j = 0; j < m; j++) post[j] = vt[j] - theta * zt[j];
                            }
                            vb.put(vOff + row, vt, 0, m);
                            zb.put(zOff + row, zt, 0, m);
                        }
                    }
                });
    }

    /**
     * On entry {@code g} holds dL/dz[t]; on exit dL/dṽ[t] with the detached reset: gṽ[t] =
     * gz[t]·σ'(ṽ[t] − θ) + (1−dv)·R[t]·gṽ[t+1], R = 1 − z (reset to zero) or 1 (by subtraction).
     */
    static void backward(
            StepBlocks g, StepBlocks v, StepBlocks z, FloatLif n, Surrogate surrogate) {
        int steps = g.steps(), batch = g.batch(), width = g.width();
        FloatBuffer gb = buffer(g.all()), vb = buffer(v.all()), zb = buffer(z.all());
        int gOff = offset(g.all()), vOff = offset(v.all()), zOff = offset(z.all());
        float keepV = (float) (1 - n.dv()), theta = (float) n.threshold();
        boolean toZero = n.reset() == Reset.TO_ZERO;
        KernelThreads.run(
                batch,
                b -> {
                    Tiles x = TILES.get();
                    float[] next = x.post, vt = x.v, zt = x.z, gt = x.g, sigma = x.sigma;
                    for (int j0 = 0; j0 < width; j0 += TILE) {
                        int m = Math.min(TILE, width - j0);
                        for (int t = steps - 1; t >= 0; t--) {
                            int row = (t * batch + b) * width + j0;
                            gb.get(gOff + row, gt, 0, m);
                            vb.get(vOff + row, vt, 0, m);
                            surrogate.derivative(vt, theta, sigma, m);
                            for (int j = 0; j < m; j++) gt[j] *= sigma[j];
                            if (t < steps - 1 && keepV != 0) {
                                if (toZero) {
                                    zb.get(zOff + row, zt, 0, m);
                                    for (int j = 0; j < m; j++)
                                        gt[j] += keepV * (next[j] * (1f - zt[j]));
                                } else {
                                    for (int j = 0; j < m; j++) gt[j] += keepV * next[j];
                                }
                            }
                            System.arraycopy(gt, 0, next, 0, m);
                            gb.put(gOff + row, gt, 0, m);
                        }
                    }
                });
    }

    private static FloatBuffer buffer(INDArray a) {
        return a.data().asNioFloat();
    }

    private static int offset(INDArray a) {
        if (a.length() + a.offset() > Integer.MAX_VALUE)
            throw new IllegalArgumentException("buffer over 2^31 floats");
        return (int) a.offset();
    }
}
