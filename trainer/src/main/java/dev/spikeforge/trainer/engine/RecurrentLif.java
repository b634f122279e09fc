package dev.spikeforge.trainer.engine;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.trainer.network.RecurrentLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LIF recurrence of a layer that also hears its own spikes one step late, a[t] = drive[t] +
 * z[t−1]·Vᵀ. The recurrent input of step t depends on step t−1's spikes, so the whole update runs
 * step by step, one [B, n] × [n, n] matmul per step on top of the elementwise work.
 *
 * <p>Backward per step, t = T−1 … 0, with ga = dL/da (= gu):
 *
 * <pre>
 *   gṽ[t] = σ'[t]·(gz[t] + ga[t+1]·V) + (1−dv)·gṽ[t+1]·R[t];   gu[t] = gṽ[t] + (1−du)·gu[t+1]
 *   dV = Σ_t ga[t+1]ᵀ·z[t]   (one matmul after the loop)
 * </pre>
 */
final class RecurrentLif implements NeuronDynamics {
    private final RecurrentLayer layer;
    private final BiasTerm bias;

    RecurrentLif(RecurrentLayer layer, BiasTerm bias) {
        this.layer = layer;
        this.bias = bias;
    }

    @Override
    public void forward(LayerBuffers buf, EngineOptions options) {
        FloatLif n = layer.neuron().current();
        double keepU = 1 - n.du(), keepV = 1 - n.dv();
        StepBlocks v = buf.potential(), z = buf.spikes();
        INDArray w = layer.recurrent(),
                vPost = buf.vPost(),
                tmp = buf.keep(),
                u = buf.stepScratch(0);
        for (int t = 0; t < buf.steps(); t++) {
            INDArray vt = v.at(t);
            if (t > 0) Ops.gemm(z.at(t - 1), w, vt, false, true, 1.0);
            if (keepU != 0) {
                if (t > 0) Ops.axpy(keepU, u, vt);
                u.assign(vt); // u[t], carried to the next step
            }
            bias.add(vt);
            if (t > 0 && keepV != 0) Ops.axpy(keepV, vPost, vt); // vt becomes ṽ[t]
            SpikeStep.fire(vt, z.at(t), vPost, tmp, n, options, layer);
        }
    }

    @Override
    public StepBlocks backward(LayerBuffers buf, LayerGradients grads, EngineOptions options) {
        FloatLif n = layer.neuron().current();
        double keepU = 1 - n.du(), keepV = 1 - n.dv();
        int steps = buf.steps();
        StepBlocks g = buf.grad(), v = buf.potential(), z = buf.spikes();
        StepBlocks sigma = buf.scratch(0);
        SpikeStep.surrogateDerivative(layer, n, options, v, sigma);
        StepBlocks factor = SpikeStep.resetFactor(n, options, v, z, sigma, buf.scratch(1));
        Ops.mul(g.all(), sigma.all(), g.all()); // the external part of gz, through σ'
        StepBlocks ga = keepU != 0 ? buf.scratch(2) : g;
        INDArray w = layer.recurrent(), tmp = buf.stepScratch(0);
        for (int t = steps - 1; t >= 0; t--) {
            INDArray gt = g.at(t);
            if (t < steps - 1) {
                Ops.gemm(ga.at(t + 1), w, tmp, false, false, 0.0);
                Ops.mul(tmp, sigma.at(t), tmp);
                gt.addi(tmp);
                if (keepV != 0) {
                    if (factor == null) {
                        Ops.axpy(keepV, g.at(t + 1), gt);
                    } else {
                        Ops.mul(g.at(t + 1), factor.at(t), tmp);
                        Ops.axpy(keepV, tmp, gt);
                    }
                }
            }
            if (ga != g) {
                ga.at(t).assign(gt);
                if (t < steps - 1) Ops.axpy(keepU, ga.at(t + 1), ga.at(t));
            }
        }
        // g = dL/dṽ, ga = dL/da
        Ops.gemm(ga.tail(), z.head(), grads.recurrent(), true, false, 0.0);
        bias.gradient(g, buf.stepScratch(1), grads.bias());
        if (layer.neuron().learnThreshold())
            NeuronParameterGradients.threshold(n, g, z, grads.threshold());
        if (layer.neuron().learnLeaks()) {
            StepBlocks vp = NeuronParameterGradients.postReset(n, true, v, z, sigma);
            NeuronParameterGradients.voltageDecay(g, vp, grads.dv());
            StepBlocks u = buf.scratch(1);
            NeuronParameterGradients.current(n, v, vp, bias, u);
            NeuronParameterGradients.currentDecay(ga, u, grads.du());
        }
        return ga;
    }
}
