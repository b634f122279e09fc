package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sums of step blocks, by contiguous axpys (a strided column reduction over T·B rows is several
 * times slower).
 */
final class StepSums {
    private StepSums() {}

    /** out [B, n] = Σ_{t ≥ from} x[t]. */
    static void sum(StepBlocks x, int from, INDArray out) {
        out.assign(x.at(from));
        for (int t = from + 1; t < x.steps(); t++) Ops.axpy(1.0, x.at(t), out);
    }
}
