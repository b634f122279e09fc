package dev.spikeforge.trainer.engine;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.trainer.network.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Spike and reset of one step, shared by the feed-forward and recurrent dynamics. */
final class SpikeStep {
    private SpikeStep() {}

    /**
     * From ṽ[t] in {@code v}: z[t] into {@code z}, the post-reset potential into {@code vPost};
     * {@code tmp} is scratch.
     */
    static void fire(
            INDArray v,
            INDArray z,
            INDArray vPost,
            INDArray tmp,
            FloatLif n,
            EngineOptions options,
            Layer layer) {
        double theta = n.threshold();
        if (options != null && options.smoothForward()) {
            Ops.sub(v, theta, tmp);
            options.surrogate(layer).value(tmp, z);
        } else if (options != null && options.quantizer() != null) {
            Ops.sub(v, theta, tmp);
            if (!options.quantizer().fire(layer, tmp, z, options.surrogate(layer)))
                Ops.heaviside(v, theta, z);
        } else {
            Ops.heaviside(v, theta, z);
        }
        if (n.reset() == Reset.TO_ZERO) {
            Ops.reverseSub(1.0, z, tmp);
            Ops.mul(v, tmp, vPost);
        } else {
            vPost.assign(v);
            Ops.axpy(-theta, z, vPost);
        }
    }

    /**
     * R[t] = dv_post/dṽ into {@code factor} (all steps), the factor through which gṽ[t+1] reaches
     * ṽ[t]: 1 − z with a detached reset to zero, 1 − z − ṽ·σ' with the reset differentiated (smooth
     * check); for subtraction 1, or 1 − θ·σ'. Returns null when the factor is 1 everywhere. {@code
     * sigma} holds σ'(ṽ − θ).
     */
    static StepBlocks resetFactor(
            FloatLif n,
            EngineOptions options,
            StepBlocks v,
            StepBlocks z,
            StepBlocks sigma,
            StepBlocks factor) {
        boolean detach = options.detachReset();
        if (n.reset() == Reset.TO_ZERO) {
            if (detach) {
                Ops.reverseSub(1.0, z.all(), factor.all());
            } else {
                Ops.mul(sigma.all(), v.all(), factor.all());
                factor.all().rsubi(1.0).subi(z.all());
            }
            return factor;
        }
        if (detach) return null;
        factor.all().assign(sigma.all()).muli(-n.threshold()).addi(1.0);
        return factor;
    }

    /** σ'(ṽ − θ) into {@code out} for all steps, with the layer's current surrogate. */
    static void surrogateDerivative(
            Layer layer, FloatLif n, EngineOptions options, StepBlocks v, StepBlocks out) {
        Ops.sub(v.all(), n.threshold(), out.all());
        options.surrogate(layer).derivative(out.all(), out.all());
    }
}
