package dev.spikeforge.trainer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A trainable array and the array its gradient is written to; the optimizer updates {@code value} in place. */
public record Parameter(String name, INDArray value, INDArray gradient) {
    public Parameter {
        if (!java.util.Arrays.equals(value.shape(), gradient.shape())) {
            throw new IllegalArgumentException(name + ": gradient shape " + java.util.Arrays.toString(gradient.shape())
                    + " differs from parameter shape " + java.util.Arrays.toString(value.shape()));
        }
    }
}
