package dev.spikeforge.trainer.engine;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.trainer.network.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LIF recurrence of a layer without recurrent weights. Its whole drive is known before the
 * first step, so the current's leak and the bias run over all steps at once and only the voltage
 * loop is per step:
 *
 * <pre>
 *   u[t] = u[t−1]·(1−du) + a[t];  ṽ[t] = v[t−1]·(1−dv) + u[t] + b;  z[t] = ṽ[t] &gt; θ;  v[t] = ṽ[t]·(1−z[t]) (or ṽ − θ·z)
 * </pre>
 *
 * Backward, written out: gṽ[t] = gz[t]·σ'(ṽ[t]−θ) + (1−dv)·gṽ[t+1]·R[t], gu[t] = gṽ[t] +
 * (1−du)·gu[t+1], where R = dv_post/dṽ (1 − z for the detached reset to zero). The surrogate and R
 * are computed for all steps at once; only the two reverse scans loop over time. In float (training
 * and evaluation) both directions run fused, one pass each ({@link FusedLif}).
 */
final class FeedForwardLif implements NeuronDynamics {
    private final Layer layer;
    private final BiasTerm bias;

    FeedForwardLif(Layer layer, BiasTerm bias) {
        this.layer = layer;
        this.bias = bias;
    }

    @Override
    public void forward(LayerBuffers buf, EngineOptions options) {
        FloatLif n = layer.neuron().current();
        if (FusedLif.applies(buf, options, layer.spiking())) {
            FusedLif.forward(buf.potential(), buf.spikes(), n, bias.perNeuron());
            return;
        }
        StepBlocks v = buf.potential();
        scan(1 - n.du(), v, null, null, buf.steps(), true); // u[t] in place of the drive
        bias.add(v.all());
        double keepV = 1 - n.dv();
        if (!layer.spiking()) {
            scan(keepV, v, null, null, buf.steps(), true); // the readout integrates only
            return;
        }
        INDArray vPost = buf.vPost(), tmp = buf.keep();
        StepBlocks z = buf.spikes();
        for (int t = 0; t < buf.steps(); t++) {
            INDArray vt = v.at(t);
            if (t > 0 && keepV != 0) Ops.axpy(keepV, vPost, vt); // vt becomes ṽ[t]
            SpikeStep.fire(vt, z.at(t), vPost, tmp, n, options, layer);
        }
    }

    @Override
    public StepBlocks backward(LayerBuffers buf, LayerGradients grads, EngineOptions options) {
        FloatLif n = layer.neuron().current();
        StepBlocks g = buf.grad(), v = buf.potential(), z = buf.spikes();
        int steps = buf.steps();
        double keepV = 1 - n.dv();
        if (layer.spiking() && options.detachReset() && FusedLif.applies(buf, options, true)) {
            FusedLif.backward(g, v, z, n, options.surrogate(layer));
        } else if (layer.spiking()) {
            StepBlocks sigma = buf.scratch(0);
            SpikeStep.surrogateDerivative(layer, n, options, v, sigma);
            Ops.mul(g.all(), sigma.all(), g.all());
            StepBlocks factor = SpikeStep.resetFactor(n, options, v, z, sigma, sigma);
            scan(keepV, g, factor, buf.stepScratch(0), steps, false);
        } else {
            scan(keepV, g, null, null, steps, false);
        }
        // g = dL/dṽ
        bias.gradient(g, buf.stepScratch(1), grads.bias());
        if (layer.neuron().learnThreshold())
            NeuronParameterGradients.threshold(n, g, z, grads.threshold());
        StepBlocks u = null;
        if (layer.neuron().learnLeaks()) {
            StepBlocks vp =
                    NeuronParameterGradients.postReset(n, layer.spiking(), v, z, buf.scratch(0));
            NeuronParameterGradients.voltageDecay(g, vp, grads.dv());
            u = buf.scratch(1);
            NeuronParameterGradients.current(n, v, vp, bias, u);
        }
        scan(1 - n.du(), g, null, null, steps, false); // g = dL/du = dL/da
        if (u != null) NeuronParameterGradients.currentDecay(g, u, grads.du());
        return g;
    }

    /**
     * Forward: x[t] += keep·x[t−1] for t = 1 … T−1. Backward: x[t] += keep·x[t+1] (⊙ factor[t]) for
     * t = T−2 … 0, the adjoint of a leaky recurrence.
     */
    static void scan(
            double keep,
            StepBlocks x,
            StepBlocks factor,
            INDArray tmp,
            int steps,
            boolean forward) {
        if (keep == 0) return;
        if (forward) {
            for (int t = 1; t < steps; t++) Ops.axpy(keep, x.at(t - 1), x.at(t));
            return;
        }
        for (int t = steps - 2; t >= 0; t--) {
            if (factor == null) {
                Ops.axpy(keep, x.at(t + 1), x.at(t));
            } else {
                Ops.mul(x.at(t + 1), factor.at(t), tmp);
                Ops.axpy(keep, tmp, x.at(t));
            }
        }
    }
}
