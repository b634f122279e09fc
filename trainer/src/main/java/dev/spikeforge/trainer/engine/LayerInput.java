package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a layer reads: step-major values for every step, or, for the first layer under direct
 * encoding, one [B, n] block that is the same on every step (so its synaptic current is computed
 * once, not T − 1 times).
 */
public record LayerInput(StepBlocks steps, INDArray constant) {

    public static LayerInput ofSteps(StepBlocks steps) {
        return new LayerInput(steps, null);
    }

    public static LayerInput ofConstant(INDArray constant) {
        return new LayerInput(null, constant);
    }

    public boolean isConstant() {
        return constant != null;
    }

    /** The array an encoder writes into. */
    public INDArray array() {
        return constant != null ? constant : steps.all();
    }
}
