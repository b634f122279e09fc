package dev.spikeforge.trainer.optim;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Clipping by global norm: when the gradient of all parameters together is longer than {@code
 * maxNorm} (L2), every gradient is scaled by the same factor, so the update keeps its direction.
 * Guards against the rare BPTT batch whose gradient explodes through many steps.
 */
public final class GradientClipper {
    private final List<Parameter> params;
    private final double maxNorm;

    public GradientClipper(List<Parameter> params, double maxNorm) {
        if (!(maxNorm > 0))
            throw new IllegalArgumentException("max norm must be > 0, got " + maxNorm);
        this.params = List.copyOf(params);
        this.maxNorm = maxNorm;
    }

    /** Clips in place; returns the norm before clipping. */
    public double clip() {
        double squares = 0;
        for (Parameter p : params) {
            INDArray g = p.gradient();
            squares += Nd4j.getBlasWrapper().level1().dot(g.length(), 1.0, g, g);
        }
        double norm = Math.sqrt(squares);
        if (norm > maxNorm) {
            double scale = maxNorm / norm;
            for (Parameter p : params) p.gradient().muli(scale);
        }
        return norm;
    }
}
