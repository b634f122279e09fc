package dev.spikeforge.trainer.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Applies one update to its parameters from their current gradients. */
public interface Optimizer {
    void step(double learningRate);

    /** Short description recorded in provenance. */
    String describe();

    /** Updates applied so far. */
    long steps();

    /**
     * The optimizer's live state arrays by name ("&lt;parameter&gt;/&lt;slot&gt;"), for
     * checkpoints: saving reads them, restoring assigns into them and then calls {@link
     * #restoreSteps}.
     */
    Map<String, INDArray> state();

    void restoreSteps(long steps);
}
