package dev.spikeforge.netx.format;

/**
 * One entry of the file's {@code layer} group ({@code layer/0}, {@code layer/1}, … in order). Every
 * layer has a {@code type} and a {@code shape}; netx connects each layer to the one before it.
 * Shapes are as lava-dl writes them, channels first ([C, H, W], or [N] for a dense layer); Lava
 * reverses them into its (x, y, z) order.
 */
public sealed interface NetxLayer {
    String type();

    int[] shape();

    /**
     * {@code input}: the network's input; with a {@code neuron}, a layer of compartments fed by the
     * host's graded values.
     */
    record Input(int[] shape, NetxNeuron neuron) implements NetxLayer {
        public String type() {
            return "input";
        }
    }

    /**
     * {@code flatten}: the next dense layer reads the previous map in (channel, row, column) order.
     */
    record Flatten(int[] shape) implements NetxLayer {
        public String type() {
            return "flatten";
        }
    }

    /**
     * {@code dense} (or {@code dense_rec} when {@code weightRec} is given): weights [out, in] from
     * the previous layer, [out, out] recurrent; {@code bias} per neuron (or one value); {@code
     * delay} per output neuron, per input, or per synapse. Null means absent; a missing {@code
     * neuron} is netx's default non-spiking integrator.
     */
    record Dense(
            int[] shape,
            NetxNeuron neuron,
            IntTensor weight,
            IntTensor weightRec,
            IntTensor bias,
            IntTensor delay)
            implements NetxLayer {
        public String type() {
            return weightRec == null ? "dense" : "dense_rec";
        }

        public int outFeatures() {
            return weight.dim(0);
        }

        public int inFeatures() {
            return weight.size() / Math.max(1, weight.dim(0));
        }
    }

    /**
     * {@code conv}: weight [out, in / groups, kH, kW] (a trailing dimension of 1, as lava-dl
     * writes, is dropped), applied as a cross-correlation (Lava flips the kernel for its
     * convolution); stride, padding and dilation are [along H, along W]; bias per output channel.
     */
    record Conv(
            int[] shape,
            NetxNeuron neuron,
            IntTensor weight,
            int[] stride,
            int[] padding,
            int[] dilation,
            int groups,
            IntTensor bias)
            implements NetxLayer {
        public String type() {
            return "conv";
        }
    }

    /**
     * Any other type ({@code pool}, {@code concat}, {@code average}, …), kept so an import can
     * refuse it by name.
     */
    record Other(String type, int[] shape) implements NetxLayer {}
}
