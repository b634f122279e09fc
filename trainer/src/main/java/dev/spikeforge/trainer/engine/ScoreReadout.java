package dev.spikeforge.trainer.engine;

import dev.spikeforge.proto.ScoreMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The class scores of a batch, read from the output layer after the forward pass, and the way their
 * gradient enters the backward pass. Scores are small ([B, classes]), so they are handed to the
 * loss as Java arrays.
 *
 * <ul>
 *   <li>final potential: v[T−1] of the readout; gradient into step T−1 only
 *   <li>mean potential: (1/T)·Σ_t v[t]; gradient spread over all steps
 *   <li>max potential: max_t v[t]; gradient to the first step that attains it
 *   <li>spike count: Σ_t z[t] of a spiking output layer; gradient dL/dz on every step
 * </ul>
 */
public final class ScoreReadout {
    private final ScoreMode mode;
    private final LayerBuffers out;
    private final int steps, batch, classes;
    private INDArray reduced; // [B·classes]
    private int[] argmaxStep; // max mode: the step of each maximum

    ScoreReadout(ScoreMode mode, LayerBuffers out) {
        this.mode = mode;
        this.out = out;
        this.steps = out.steps();
        this.batch = out.batch();
        this.classes = out.size();
    }

    public ScoreMode mode() {
        return mode;
    }

    /** Scores [B][classes] of the batch just run forward. */
    public double[][] scores() {
        switch (mode) {
            case SCORE_MEAN_POTENTIAL:
                return matrix(HostCopy.toDoubleVector(sumOverSteps(out.potential())), 1.0 / steps);
            case SCORE_SPIKE_COUNT:
                return matrix(HostCopy.toDoubleVector(sumOverSteps(out.spikes())), 1.0);
            case SCORE_MAX_POTENTIAL:
                return maxOverSteps(HostCopy.toDoubleVector(out.potential().all()));
            default:
                return HostCopy.toDoubleMatrix(out.potential().at(steps - 1));
        }
    }

    /**
     * Adds dL/dscore ([B][classes]) to the output layer's gradient buffer, per the score's
     * definition.
     */
    public void addGradient(double[][] g) {
        StepBlocks grad = out.grad();
        switch (mode) {
            case SCORE_MEAN_POTENTIAL -> spreadOverSteps(grad, g, 1.0 / steps);
            case SCORE_SPIKE_COUNT -> spreadOverSteps(grad, g, 1.0);
            case SCORE_MAX_POTENTIAL -> {
                double[] full = new double[steps * batch * classes];
                for (int j = 0; j < batch * classes; j++)
                    full[argmaxStep[j] * batch * classes + j] = g[j / classes][j % classes];
                grad.all()
                        .addi(
                                Nd4j.create(full, grad.all().shape(), 'c')
                                        .castTo(grad.all().dataType()));
            }
            default -> {
                INDArray target = grad.at(steps - 1);
                target.addi(Nd4j.createFromArray(g).castTo(target.dataType()));
            }
        }
    }

    private INDArray sumOverSteps(StepBlocks x) {
        if (reduced == null) reduced = Nd4j.create(x.all().dataType(), (long) batch * classes);
        Ops.sum(DenseSynapses.byStep(x.all(), steps), reduced, 0);
        return reduced;
    }

    private void spreadOverSteps(StepBlocks grad, double[][] g, double factor) {
        double[] row = new double[batch * classes];
        for (int b = 0; b < batch; b++)
            for (int k = 0; k < classes; k++) row[b * classes + k] = g[b][k] * factor;
        INDArray r = Nd4j.createFromArray(row).castTo(grad.all().dataType()).reshape(1, row.length);
        DenseSynapses.byStep(grad.all(), steps).addiRowVector(r);
    }

    private double[][] matrix(double[] flat, double factor) {
        double[][] m = new double[batch][classes];
        for (int b = 0; b < batch; b++)
            for (int k = 0; k < classes; k++) m[b][k] = flat[b * classes + k] * factor;
        return m;
    }

    private double[][] maxOverSteps(double[] all) {
        int n = batch * classes;
        if (argmaxStep == null) argmaxStep = new int[n];
        double[][] m = new double[batch][classes];
        for (int j = 0; j < n; j++) {
            int best = 0;
            for (int t = 1; t < steps; t++) if (all[t * n + j] > all[best * n + j]) best = t;
            argmaxStep[j] = best;
            m[j / classes][j % classes] = all[best * n + j];
        }
        return m;
    }
}
