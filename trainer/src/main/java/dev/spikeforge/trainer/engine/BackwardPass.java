package dev.spikeforge.trainer.engine;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.trainer.network.LifLayer;
import dev.spikeforge.trainer.network.LifNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Backpropagation through time for {@link ForwardPass}, written out by hand. On entry each layer's
 * {@link LayerBuffers#grad()} holds what the loss terms put there (dL/dscore in the readout's last block, optional
 * dL/dz of hidden layers); the pass walks the layers top-down, each one:
 * <pre>
 *   gṽ[t] = gz[t]·σ'(ṽ[t]−θ) + (1−dv)·gṽ[t+1]·R[t]     R = dv_after/dṽ = 1−z (detached reset) or 1 (subtraction)
 *   gu[t] = gṽ[t] + (1−du)·gu[t+1];  ga[t] = gu[t]
 *   db = Σ_t,b gṽ[t];  dW = Σ_t ga[t]ᵀ·s_prev[t−1];  gz_prev[t−1] += ga[t]·W
 * </pre>
 * The surrogate and the reset factor are computed for all steps at once, dW and gz_prev are one matmul each; only
 * the two reverse scans loop over time.
 */
public final class BackwardPass {
    private BackwardPass() {}

    public static void run(LifNetwork net, BatchWorkspace ws, Gradients grads, EngineOptions options) {
        for (int l = net.depth() - 1; l >= 0; l--) {
            LifLayer p = net.layer(l);
            LayerBuffers buf = ws.layer(l);
            StepBlocks g = buf.grad();
            if (p.readout()) {
                scan(1.0 - p.neuron().dv(), g, null, buf, ws.steps());
            } else {
                hiddenPotentialGradient(p.neuron(), buf, ws.steps(), options);
            }
            g.all().sum(grads.bias(l), true, 0);
            scan(1.0 - p.neuron().du(), g, null, buf, ws.steps());  // now ga[t]
            StepBlocks source = ws.sourceOf(l);
            Ops.gemm(g.tail(), source.head(), grads.weights(l), true, false, 0.0);
            if (l > 0) Ops.gemm(g.tail(), p.weights(), ws.layer(l - 1).grad().head(), false, false, 1.0);
        }
    }

    /** Turns gz into gṽ for a spiking layer. */
    private static void hiddenPotentialGradient(FloatLif n, LayerBuffers buf, int steps, EngineOptions options) {
        StepBlocks g = buf.grad(), s = buf.scratch(), v = buf.potential(), z = buf.spikes();
        double theta = n.threshold();
        Ops.sub(v.all(), theta, s.all());
        options.surrogate().derivative(s.all(), s.all());
        Ops.mul(g.all(), s.all(), g.all());
        // s becomes R = dv_after / dṽ, the factor through which gṽ[t+1] reaches ṽ[t].
        StepBlocks factor = s;
        if (n.reset() == Reset.TO_ZERO) {
            if (options.detachReset()) {
                Ops.reverseSub(1.0, z.all(), s.all());
            } else {
                Ops.mul(s.all(), v.all(), s.all());   // ṽ·σ'
                s.all().rsubi(1.0).subi(z.all());     // 1 − z − ṽ·σ'
            }
        } else if (options.detachReset()) {
            factor = null;                            // v_after = ṽ − θ·z with z held constant
        } else {
            s.all().muli(-theta).addi(1.0);           // 1 − θ·σ'
        }
        scan(1.0 - n.dv(), g, factor, buf, steps);
    }

    /** g[t] += keep · g[t+1] (⊙ factor[t]) for t = T−2 … 0: the adjoint of a leaky recurrence. */
    private static void scan(double keep, StepBlocks g, StepBlocks factor, LayerBuffers buf, int steps) {
        if (keep == 0) return;
        INDArray tmp = factor == null ? null : buf.stepScratch();
        for (int t = steps - 2; t >= 0; t--) {
            if (factor == null) {
                Ops.axpy(keep, g.at(t + 1), g.at(t));
            } else {
                Ops.mul(g.at(t + 1), factor.at(t), tmp);
                Ops.axpy(keep, tmp, g.at(t));
            }
        }
    }
}
