package dev.spikeforge.trainer.config;

import dev.spikeforge.trainer.ConfigException;

/** One hidden layer of the network to train, before the readout. */
public sealed interface LayerSpec permits LayerSpec.Dense, LayerSpec.Recurrent, LayerSpec.Conv {

    /** Short form recorded in provenance, e.g. "dense(400)". */
    String describe();

    /** Neurons of a dense or recurrent layer, output channels of a conv layer. */
    int units();

    /** Its part of a network name: "400", "r128", "c16". */
    String tag();

    /** Fully connected LIF neurons. */
    record Dense(int size) implements LayerSpec {
        public Dense {
            if (size < 1) throw new ConfigException("layers", "a dense layer needs >= 1 neuron, got " + size);
        }

        @Override
        public String describe() {
            return "dense(" + size + ")";
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

    /** Fully connected LIF neurons that also receive their own spikes of the previous step through a weight matrix. */
    record Recurrent(int size) implements LayerSpec {
        public Recurrent {
            if (size < 1) throw new ConfigException("layers", "a recurrent layer needs >= 1 neuron, got " + size);
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
     * A convolution with {@code channels} output maps, a square kernel, zero padding and a stride, LIF neurons on every
     * output position, then sum pooling of their spikes over {@code pool × pool} windows (1 = none).
     */
    record Conv(int channels, int kernel, int padding, int stride, int pool) implements LayerSpec {
        public Conv {
            if (channels < 1) throw new ConfigException("layers", "a conv layer needs >= 1 channel, got " + channels);
            if (kernel < 1) throw new ConfigException("layers", "conv kernel must be >= 1, got " + kernel);
            if (padding < 0) throw new ConfigException("layers", "conv padding must be >= 0, got " + padding);
            if (stride < 1) throw new ConfigException("layers", "conv stride must be >= 1, got " + stride);
            if (pool < 1) throw new ConfigException("layers", "pool must be >= 1 (1 = none), got " + pool);
        }

        /** Stride 1. */
        public Conv(int channels, int kernel, int padding, int pool) {
            this(channels, kernel, padding, 1, pool);
        }

        @Override
        public String describe() {
            // Stride 1 is left out, so a run checkpointed before strides existed describes itself the same way.
            return "conv(" + channels + ", kernel=" + kernel + ", padding=" + padding + (stride > 1 ? ", stride=" + stride : "")
                    + ", pool=" + pool + ")";
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
