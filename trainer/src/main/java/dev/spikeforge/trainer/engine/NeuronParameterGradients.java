package dev.spikeforge.trainer.engine;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients of a layer's learnable threshold and leaks from the quantities the backward scans
 * leave, each a few all-step ops. With vp the post-reset potential and gṽ = dL/dṽ:
 *
 * <pre>
 *   dL/dθ  = −Σ_t gṽ[t] + (1−dv)·Σ_{t&lt;T−1} gṽ[t+1]·(1 − z[t])
 *   dL/ddv = −Σ_{t≥1} gṽ[t]·vp[t−1]
 *   dL/ddu = −Σ_{t≥1} gu[t]·u[t−1],   u[t] = ṽ[t] − b − (1−dv)·vp[t−1]
 * </pre>
 *
 * The threshold formula holds for both resets, detached or not: z enters through ṽ − θ and the
 * reset's dependence on θ and ṽ adds up to dv_post/dṽ + dv_post/dθ = 1 − z in every case.
 */
final class NeuronParameterGradients {
    private NeuronParameterGradients() {}

    static void threshold(FloatLif n, StepBlocks gv, StepBlocks z, INDArray out) {
        double total = gv.all().sumNumber().doubleValue();
        double later = gv.tail().sumNumber().doubleValue();
        double gated = Ops.dot(gv.tail(), z.head());
        out.putScalar(0, -total + (1 - n.dv()) * (later - gated));
    }

    /**
     * Post-reset potentials of all steps into {@code out}; for the readout that is the potential
     * itself.
     */
    static StepBlocks postReset(
            FloatLif n, boolean spiking, StepBlocks v, StepBlocks z, StepBlocks out) {
        if (!spiking) return v;
        if (n.reset() == Reset.TO_ZERO) {
            Ops.reverseSub(1.0, z.all(), out.all());
            Ops.mul(v.all(), out.all(), out.all());
        } else {
            out.all().assign(v.all());
            Ops.axpy(-n.threshold(), z.all(), out.all());
        }
        return out;
    }

    static void voltageDecay(StepBlocks gv, StepBlocks vp, INDArray out) {
        out.putScalar(0, -Ops.dot(gv.tail(), vp.head()));
    }

    /** u[t] of all steps into {@code out}, from ṽ, the bias and vp. */
    static void current(FloatLif n, StepBlocks v, StepBlocks vp, BiasTerm bias, StepBlocks out) {
        out.all().assign(v.all());
        bias.subtract(out.all());
        Ops.axpy(-(1 - n.dv()), vp.head(), out.tail());
    }

    static void currentDecay(StepBlocks gu, StepBlocks u, INDArray out) {
        out.putScalar(0, -Ops.dot(gu.tail(), u.head()));
    }
}
