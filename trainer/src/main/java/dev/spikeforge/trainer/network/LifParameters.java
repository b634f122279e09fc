package dev.spikeforge.trainer.network;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The neuron parameters of one layer (shared by all its neurons) as [1, 1] arrays, so the optimizer
 * can update the learnable ones in place like any weight. The reset mode is structural and never
 * learned.
 */
public final class LifParameters {
    /** Thresholds are kept above this so a learned one cannot make every neuron fire on noise. */
    public static final double MIN_THRESHOLD = 0.05;

    private final INDArray du, dv, threshold;
    private final Reset reset;
    private final boolean learnLeaks, learnThreshold;

    public LifParameters(
            FloatLif initial, boolean learnLeaks, boolean learnThreshold, DataType type) {
        this.du = Nd4j.scalar(type, initial.du()).reshape(1, 1);
        this.dv = Nd4j.scalar(type, initial.dv()).reshape(1, 1);
        this.threshold = Nd4j.scalar(type, initial.threshold()).reshape(1, 1);
        this.reset = initial.reset();
        this.learnLeaks = learnLeaks;
        this.learnThreshold = learnThreshold;
    }

    public static LifParameters fixed(FloatLif n, DataType type) {
        return new LifParameters(n, false, false, type);
    }

    /** The values now (they change while training when learnable). */
    public FloatLif current() {
        return new FloatLif(du.getDouble(0), dv.getDouble(0), threshold.getDouble(0), reset);
    }

    /** As exported: leaks moved onto the chip's fixed-point grid, threshold as a float. */
    public FloatLif exported() {
        FloatLif n = current();
        return new FloatLif(n.du(), n.dv(), (float) n.threshold(), n.reset()).snappedToFixedGrid();
    }

    /** Puts learned values back into their valid range after an update. */
    public void constrain() {
        if (learnLeaks) {
            clamp(du, 0, 1);
            clamp(dv, 0, 1);
        }
        if (learnThreshold && threshold.getDouble(0) < MIN_THRESHOLD)
            threshold.putScalar(0, MIN_THRESHOLD);
    }

    private static void clamp(INDArray a, double lo, double hi) {
        double x = a.getDouble(0);
        if (x < lo) a.putScalar(0, lo);
        else if (x > hi) a.putScalar(0, hi);
    }

    public INDArray du() {
        return du;
    }

    public INDArray dv() {
        return dv;
    }

    public INDArray threshold() {
        return threshold;
    }

    public Reset reset() {
        return reset;
    }

    public boolean learnLeaks() {
        return learnLeaks;
    }

    public boolean learnThreshold() {
        return learnThreshold;
    }
}
