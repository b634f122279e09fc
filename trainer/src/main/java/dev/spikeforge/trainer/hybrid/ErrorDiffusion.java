package dev.spikeforge.trainer.hybrid;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Floor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Quantizes a rate in time by error diffusion (methods.md §6, seed 003): each step v ← v + r·dt; n
 * = floor(v); v ← v − n; the output is n/dt. The error left in v carries to the next step, so the n
 * of N steps sum to exactly floor(v₀ + N·r·dt) (the sum telescopes) and the outputs to within 1/dt
 * of N·r, whatever N. dt sets the levels: the output moves in steps of 1/dt; dt = 1 gives whole
 * spikes. v starts uniform in [0, 1) so neurons with equal rates do not fire in lockstep. One
 * instance holds the state of a [B, n] block.
 */
public final class ErrorDiffusion {
    private INDArray v, n;

    /** A fresh state for blocks shaped like {@code like}, uniform in [0, 1). */
    public void reset(INDArray like, SplittableRandom random) {
        if (v == null || !java.util.Arrays.equals(v.shape(), like.shape())) {
            v = Nd4j.create(like.dataType(), like.shape());
            n = Nd4j.create(like.dataType(), like.shape());
        }
        float[] u = new float[(int) v.length()];
        for (int i = 0; i < u.length; i++) u[i] = (float) random.nextDouble();
        v.assign(Nd4j.create(u, v.shape(), 'c').castTo(v.dataType()));
    }

    /** One step: {@code out} = n/dt for the rates {@code r} (may be the same array). */
    public INDArray step(INDArray r, double dt, INDArray out) {
        if (v == null)
            throw new IllegalStateException(
                    "reset the error-diffusion state before the first step");
        n.assign(r).muli(dt); // n is scratch here: no allocation per step
        v.addi(n);
        Nd4j.getExecutioner().exec(new Floor(v, n));
        v.subi(n);
        return out.assign(n).divi(dt);
    }

    /** The same quantizer on one scalar rate: the outputs n/dt of {@code steps} steps from v₀. */
    public static double[] run(double r, double dt, double v0, int steps) {
        double v = v0;
        double[] out = new double[steps];
        for (int t = 0; t < steps; t++) {
            v += r * dt;
            double k = Math.floor(v);
            v -= k;
            out[t] = k / dt;
        }
        return out;
    }
}
