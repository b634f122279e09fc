package dev.spikeforge.trainer.network;

import dev.spikeforge.proto.ScoreMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A stack of {@link Layer}s: layer 0 reads the encoded input ({@code inputs} values per step),
 * layer k reads layer k−1's output, unless its entry of {@code sources} lists other layers: then it
 * reads the element-wise sum of their outputs (−1 = the input; SEW-ResNet's ADD connection), each
 * as long as its fan-in. Every connection delays by one step. The last layer produces the class
 * scores: a non-spiking readout (score = its potential, final, max or mean over steps) or, for
 * {@link ScoreMode#SCORE_SPIKE_COUNT}, a spiking dense layer whose spikes are counted. All
 * parameters share one data type (FLOAT for training, DOUBLE for gradient checks).
 *
 * @param sources per layer, the layers it reads (empty: the one before it); earlier layers only,
 *     each once
 */
public record LifNetwork(
        int inputs, List<Layer> layers, ScoreMode score, List<List<Integer>> sources) {

    public LifNetwork {
        layers = List.copyOf(layers);
        Objects.requireNonNull(score, "score");
        if (layers.isEmpty())
            throw new IllegalArgumentException("a network needs at least one layer");
        if (sources == null || sources.isEmpty()) sources = chain(layers.size());
        if (sources.size() != layers.size())
            throw new IllegalArgumentException(
                    "sources for " + sources.size() + " layers, the network has " + layers.size());
        sources = sources.stream().map(List::copyOf).toList();
        DataType type = layers.get(0).dataType();
        boolean[] read = new boolean[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            List<Integer> from = resolve(sources.get(l), l);
            if (from.stream().distinct().count() != from.size())
                throw new IllegalArgumentException(
                        "layer " + l + " ('" + layer.name() + "') lists a source twice: " + from);
            for (int s : from) {
                if (s < -1 || s >= l)
                    throw new IllegalArgumentException(
                            "layer "
                                    + l
                                    + " ('"
                                    + layer.name()
                                    + "') can only read earlier layers or the input (-1), not "
                                    + s);
                int fanIn = s < 0 ? inputs : layers.get(s).outputSize();
                if (layer.inputSize() != fanIn) {
                    throw new IllegalArgumentException(
                            "layer "
                                    + l
                                    + " ('"
                                    + layer.name()
                                    + "') reads "
                                    + layer.inputSize()
                                    + " values per step, "
                                    + (s < 0 ? "its input has " : "layer " + s + " gives ")
                                    + fanIn);
                }
                if (s >= 0) read[s] = true;
            }
            boolean last = l == layers.size() - 1;
            if (!layer.spiking() && !last) {
                throw new IllegalArgumentException(
                        "only the last layer may be the readout (layer "
                                + l
                                + ", '"
                                + layer.name()
                                + "')");
            }
            if (last) {
                boolean counts = score == ScoreMode.SCORE_SPIKE_COUNT;
                if (!(layer instanceof DenseLayer) || layer.spiking() != counts) {
                    throw new IllegalArgumentException(
                            "the last layer ('"
                                    + layer.name()
                                    + "') must be "
                                    + (counts
                                            ? "a spiking dense layer, whose spikes are counted"
                                            : "a dense readout"));
                }
            }
            if (layer.dataType() != type)
                throw new IllegalArgumentException("layers differ in data type");
            if (from.size() > 1 && layer instanceof RecurrentLayer) {
                throw new IllegalArgumentException(
                        "layer "
                                + l
                                + " ('"
                                + layer.name()
                                + "'): a recurrent layer reads one source");
            }
        }
        for (int l = 0; l < layers.size() - 1; l++) {
            if (!read[l])
                throw new IllegalArgumentException(
                        "layer " + l + " ('" + layers.get(l).name() + "') is read by no layer");
        }
    }

    public LifNetwork(int inputs, List<Layer> layers, ScoreMode score) {
        this(inputs, layers, score, null);
    }

    public LifNetwork(int inputs, List<Layer> layers) {
        this(inputs, layers, ScoreMode.SCORE_FINAL_POTENTIAL);
    }

    /** Every layer reading the one before it. */
    private static List<List<Integer>> chain(int depth) {
        List<List<Integer>> s = new ArrayList<>();
        for (int l = 0; l < depth; l++) s.add(List.of());
        return s;
    }

    private static List<Integer> resolve(List<Integer> listed, int l) {
        return listed.isEmpty() ? List.of(l - 1) : listed;
    }

    /** The layers layer l reads (−1 = the input): its listed sources, or the one before it. */
    public List<Integer> sourcesOf(int l) {
        return resolve(sources.get(l), l);
    }

    /** The layers that read layer l's output (−1: the layers that read the input), in order. */
    public List<Integer> readersOf(int l) {
        List<Integer> r = new ArrayList<>();
        for (int m = 0; m < layers.size(); m++) if (sourcesOf(m).contains(l)) r.add(m);
        return r;
    }

    /**
     * True when some layer reads more than the layer before it (the artifact then lists sources).
     */
    public boolean branches() {
        return sources.stream().anyMatch(s -> !s.isEmpty());
    }

    /**
     * Connections on the shortest path from layer l's output to the last layer (0 for the last
     * layer): its spikes of step t reach the scores on step t + distance at the earliest.
     */
    public int distanceToOutput(int l) {
        int[] d = new int[layers.size()];
        java.util.Arrays.fill(d, Integer.MAX_VALUE / 2);
        d[layers.size() - 1] = 0;
        for (int m = layers.size() - 1; m >= 0; m--) {
            for (int s : sourcesOf(m)) if (s >= 0) d[s] = Math.min(d[s], d[m] + 1);
        }
        return d[l];
    }

    public DataType dataType() {
        return layers.get(0).dataType();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).neurons();
    }

    public Layer layer(int l) {
        return layers.get(l);
    }

    public int depth() {
        return layers.size();
    }

    /** Layers before the output layer. */
    public int hiddenLayers() {
        return layers.size() - 1;
    }

    /** Layers that spike (the output layer too when its spikes are counted). */
    public int spikingLayers() {
        return score == ScoreMode.SCORE_SPIKE_COUNT ? layers.size() : layers.size() - 1;
    }

    /** The names of the spiking layers, in order (they name the per-layer metrics). */
    public List<String> spikingLayerNames() {
        return layers.subList(0, spikingLayers()).stream().map(Layer::name).toList();
    }
}
