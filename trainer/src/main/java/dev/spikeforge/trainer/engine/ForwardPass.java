package dev.spikeforge.trainer.engine;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.trainer.network.LifLayer;
import dev.spikeforge.trainer.network.LifNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The batched forward pass of the shared LIF semantics ({@link FloatLif}), layer by layer:
 * <pre>
 *   a[t] = s_prev[t−1]·Wᵀ (a[0] = 0)     one matmul over all steps: [(T−1)·B, fanIn] × [fanIn, size]
 *   u[t] = u[t−1]·(1−du) + a[t]
 *   ṽ[t] = v[t−1]·(1−dv) + u[t] + b;  z[t] = ṽ[t] > θ;  v[t] = ṽ[t]·(1−z[t])  (or ṽ − θ·z)
 * </pre>
 * Because every connection delays by one step, a layer's whole input is known once the previous layer has run all
 * T steps, so only the elementwise recurrences loop over time. Leaves ṽ (readout: v) in
 * {@link LayerBuffers#potential()} and z in {@link LayerBuffers#spikes()}; the class scores are
 * {@link BatchWorkspace#scores()}.
 */
public final class ForwardPass {
    private ForwardPass() {}

    /** Binary spikes: inference and training. */
    public static void run(LifNetwork net, BatchWorkspace ws) {
        run(net, ws, null);
    }

    /** {@code options} null or without smoothForward gives binary spikes. */
    public static void run(LifNetwork net, BatchWorkspace ws, EngineOptions options) {
        for (int l = 0; l < net.depth(); l++) {
            layer(net.layer(l), ws.sourceOf(l), ws.layer(l), ws.steps(), options);
        }
    }

    private static void layer(LifLayer p, StepBlocks source, LayerBuffers buf, int steps, EngineOptions options) {
        FloatLif n = p.neuron();
        StepBlocks v = buf.potential();
        // Drive u[t] + b for all steps: delayed input in one matmul, the current's leak as a short scan.
        Ops.gemm(source.head(), p.weights(), v.tail(), false, true, 0.0);
        v.at(0).assign(0);
        double keepU = 1.0 - n.du();
        if (keepU != 0) for (int t = 1; t < steps; t++) Ops.axpy(keepU, v.at(t - 1), v.at(t));
        v.all().addiRowVector(p.bias());

        double keepV = 1.0 - n.dv();
        if (p.readout()) {
            // Integrate only; v at the last step is the class score.
            if (keepV != 0) for (int t = 1; t < steps; t++) Ops.axpy(keepV, v.at(t - 1), v.at(t));
            return;
        }
        boolean smooth = options != null && options.smoothForward();
        double theta = n.threshold();
        INDArray vPost = buf.vPost(), keep = buf.keep();
        StepBlocks z = buf.spikes();
        for (int t = 0; t < steps; t++) {
            INDArray vt = v.at(t), zt = z.at(t);
            if (t > 0 && keepV != 0) Ops.axpy(keepV, vPost, vt);  // vt becomes ṽ[t]
            if (smooth) {
                Ops.sub(vt, theta, keep);
                options.surrogate().value(keep, zt);
            } else {
                Ops.heaviside(vt, theta, zt);
            }
            if (n.reset() == Reset.TO_ZERO) {
                Ops.reverseSub(1.0, zt, keep);
                Ops.mul(vt, keep, vPost);
            } else {
                vPost.assign(vt);
                Ops.axpy(-theta, zt, vPost);
            }
        }
    }
}
