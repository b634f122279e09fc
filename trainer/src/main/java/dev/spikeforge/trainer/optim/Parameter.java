package dev.spikeforge.trainer.optim;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable array and the array its gradient is written to; the optimizer updates {@code value}
 * in place. The role decides what weight decay touches: only {@link Role#WEIGHT}s.
 */
public record Parameter(String name, INDArray value, INDArray gradient, Role role) {

    public enum Role {
        WEIGHT,
        BIAS,
        NEURON
    }

    public Parameter {
        if (!Arrays.equals(value.shape(), gradient.shape())) {
            throw new IllegalArgumentException(
                    name
                            + ": gradient shape "
                            + Arrays.toString(gradient.shape())
                            + " differs from parameter shape "
                            + Arrays.toString(value.shape()));
        }
    }

    public Parameter(String name, INDArray value, INDArray gradient) {
        this(name, value, gradient, Role.WEIGHT);
    }
}
