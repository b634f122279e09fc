package dev.spikeforge.trainer.config;

import dev.spikeforge.trainer.ConfigException;
import java.util.List;

/**
 * One hidden layer of the network to train, before the readout. A layer reads the layer before it
 * (the first one the encoded input), unless it lists {@link #sources()}: then the outputs of those
 * layers (hidden-layer indices, −1 for the input) are summed element-wise into its input,
 * SEW-ResNet's ADD connection. Every connection delays by one step.
 */
public sealed interface LayerSpec permits LayerSpec.Dense, LayerSpec.Recurrent, LayerSpec.Conv {

    /** Short form recorded in provenance, e.g. "dense(400)". */
    String describe();

    /** Neurons of a dense or recurrent layer, output channels of a conv layer. */
    int units();

    /** Its part of a network name: "400", "r128", "c16". */
    String tag();

    /**
     * The layers whose outputs it sums (hidden-layer indices, −1 = the input); empty: the layer
     * before it.
     */
    default List<Integer> sources() {
        return List.of();
    }

    /**
     * ", sources=[3, 0]" for a layer that lists them, else nothing (so descriptions of other layers
     * do not change).
     */
    private static String describeSources(List<Integer> sources) {
        return sources.isEmpty() ? "" : ", sources=" + sources;
    }

    private static List<Integer> checkedSources(List<Integer> sources) {
        List<Integer> copy = List.copyOf(sources);
        for (int s : copy)
            if (s < -1)
                throw new ConfigException(
                        "layers", "a source is a hidden layer's index or -1 (the input), got " + s);
        if (copy.stream().distinct().count() != copy.size())
            throw new ConfigException("layers", "sources list a layer twice: " + copy);
        return copy;
    }

    /** Fully connected LIF neurons. */
    record Dense(int size, List<Integer> sources) implements LayerSpec {
        public Dense {
            if (size < 1)
                throw new ConfigException("layers", "a dense layer needs >= 1 neuron, got " + size);
            sources = checkedSources(sources);
        }

        /** Reads the layer before it. */
        public Dense(int size) {
            this(size, List.of());
        }

        @Override
        public String describe() {
            return "dense(" + size + describeSources(sources) + ")";
        }

        @Override
        public int units() {
            return size;
        }

        @Override
        public String tag() {
            return Integer.toString(size);
        }
    }

    /**
     * Fully connected LIF neurons that also receive their own spikes of the previous step through a
     * weight matrix.
     */
    record Recurrent(int size) implements LayerSpec {
        public Recurrent {
            if (size < 1)
                throw new ConfigException(
                        "layers", "a recurrent layer needs >= 1 neuron, got " + size);
        }

        @Override
        public String describe() {
            return "recurrent(" + size + ")";
        }

        @Override
        public int units() {
            return size;
        }

        @Override
        public String tag() {
            return "r" + size;
        }
    }

    /**
     * A convolution with {@code channels} output maps, a square kernel, zero padding and a stride,
     * LIF neurons on every output position, then sum pooling of their spikes over {@code pool ×
     * pool} windows (1 = none).
     */
    record Conv(int channels, int kernel, int padding, int stride, int pool, List<Integer> sources)
            implements LayerSpec {
        public Conv {
            if (channels < 1)
                throw new ConfigException(
                        "layers", "a conv layer needs >= 1 channel, got " + channels);
            if (kernel < 1)
                throw new ConfigException("layers", "conv kernel must be >= 1, got " + kernel);
            if (padding < 0)
                throw new ConfigException("layers", "conv padding must be >= 0, got " + padding);
            if (stride < 1)
                throw new ConfigException("layers", "conv stride must be >= 1, got " + stride);
            if (pool < 1)
                throw new ConfigException("layers", "pool must be >= 1 (1 = none), got " + pool);
            sources = checkedSources(sources);
        }

        /** Reads the layer before it. */
        public Conv(int channels, int kernel, int padding, int stride, int pool) {
            this(channels, kernel, padding, stride, pool, List.of());
        }

        /** Stride 1, reads the layer before it. */
        public Conv(int channels, int kernel, int padding, int pool) {
            this(channels, kernel, padding, 1, pool);
        }

        @Override
        public String describe() {
            // Stride 1 is left out, so a run checkpointed before strides existed describes itself
            // the same way.
            return "conv("
                    + channels
                    + ", kernel="
                    + kernel
                    + ", padding="
                    + padding
                    + (stride > 1 ? ", stride=" + stride : "")
                    + ", pool="
                    + pool
                    + describeSources(sources)
                    + ")";
        }

        @Override
        public int units() {
            return channels;
        }

        @Override
        public String tag() {
            return "c" + channels;
        }
    }
}
