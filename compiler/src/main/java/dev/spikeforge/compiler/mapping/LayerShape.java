package dev.spikeforge.compiler.mapping;

import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.proto.ConvGeometry;

/**
 * What a layer asks of the hardware: its neurons, which sources they read, the stored weight width,
 * the most distinct nonzero weights one neuron holds (used by axon-type chips; 0 when not
 * computed), and whether its neurons also read all of the layer's own neurons (recurrent; its
 * synapse counts then include those).
 *
 * @param sources the layers it reads (−1: the input), each through {@code connectivity} (all as
 *     long as its fan-in); null: the layer before it
 */
public record LayerShape(
        String name,
        int size,
        int weightBits,
        Connectivity connectivity,
        int weightLevels,
        boolean recurrent,
        SharedKernel kernel,
        int[] sources) {

    /**
     * A conv layer's kernels: {@code weightsPerChannel} (in_channels·k·k) weights shared by the
     * {@code neuronsPerChannel} neurons of each output channel. Chips that share kernels store them
     * once per core.
     */
    public record SharedKernel(int weightsPerChannel, int neuronsPerChannel) {
        /** Output channels that neurons [from, to) belong to. */
        public int channels(int from, int to) {
            return (to - 1) / neuronsPerChannel - from / neuronsPerChannel + 1;
        }
    }

    public LayerShape(
            String name, int size, int weightBits, Connectivity connectivity, int weightLevels) {
        this(name, size, weightBits, connectivity, weightLevels, false, null, null);
    }

    public LayerShape(
            String name,
            int size,
            int weightBits,
            Connectivity connectivity,
            int weightLevels,
            boolean recurrent) {
        this(name, size, weightBits, connectivity, weightLevels, recurrent, null, null);
    }

    public int fanIn() {
        return connectivity.fanIn();
    }

    /** The layers it reads (−1: the input), given that it is layer {@code index}. */
    public int[] sourcesAt(int index) {
        return sources == null ? new int[] {index - 1} : sources;
    }

    /** How many sources it reads: a core receives each one's span on axons of its own. */
    public int sourceCount() {
        return sources == null ? 1 : sources.length;
    }

    /**
     * A trained dense layer as the chip runs it (chip sources): all-to-all, with the exact nonzero
     * count of every neuron's weights (recurrent ones included).
     */
    public static LayerShape of(FloatLayer l, int weightBits, int weightLevels) {
        int[] nonzero = new int[l.size()];
        for (int n = 0; n < l.size(); n++) {
            int c = 0;
            for (int k = 0; k < l.inputsPerNeuron(); k++) if (l.input(n, k) != 0) c++;
            nonzero[n] = c;
        }
        if (l.conv()) {
            ConvGeometry g = l.tying().conv();
            return new LayerShape(
                    l.name(),
                    l.size(),
                    weightBits,
                    new ConvConnectivity(g, l.fanIn(), nonzero),
                    weightLevels,
                    false,
                    new SharedKernel(l.tying().paramsPerChannel(), l.tying().neuronsPerChannel()),
                    l.sources().layers().clone());
        }
        return new LayerShape(
                l.name(),
                l.size(),
                weightBits,
                Connectivity.dense(l.fanIn(), nonzero),
                weightLevels,
                l.recurrent(),
                null,
                l.sources().layers().clone());
    }

    /**
     * A pooling layer of graded neurons over {@code map} (read from layer {@code source}): pool²
     * synapses per neuron, all of one weight.
     */
    public static LayerShape pooling(
            String name,
            int source,
            dev.spikeforge.proto.artifact.validate.SourceMap map,
            int weightBits) {
        return new LayerShape(
                name,
                map.pooledSize(),
                weightBits,
                new PoolConnectivity(map),
                1,
                false,
                null,
                new int[] {source});
    }

    /**
     * A sum layer of graded neurons: neuron i reads neuron i of each of {@code sources}, with one
     * weight.
     */
    public static LayerShape sum(String name, int size, int[] sources, int weightBits) {
        return new LayerShape(
                name,
                size,
                weightBits,
                new OneToOneConnectivity(size),
                1,
                false,
                null,
                sources.clone());
    }

    /**
     * Sources a neuron's span stands for besides its feed-forward ones: the whole layer when
     * recurrent.
     */
    public int recurrentInputs() {
        return recurrent ? size : 0;
    }
}
