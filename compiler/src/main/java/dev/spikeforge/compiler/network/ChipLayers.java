package dev.spikeforge.compiler.network;

import dev.spikeforge.artifact.validate.SourceMap;
import dev.spikeforge.artifact.validate.TrainedShapes;
import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.TrainedNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The layers as the chip runs them, in order, each reading the one before: the trained layers and, before a layer
 * that reads a sum-pooled conv map when its pooling is compiled as a layer, a {@link Pooling} layer whose graded
 * spikes carry each window's spike count. The layer after it then reads the pooled values with its trained weights
 * (unfolded); without a pooling layer it reads the window's pre-pool neurons (folded). The float reference, rates
 * and readout activity stay with the trained layers; {@link #trainedIndex} maps back.
 */
public final class ChipLayers {
    /** One layer on the chip. */
    public sealed interface Layer permits Trained, Pooling {
        String name();

        int size();
    }

    /**
     * A trained layer as the chip runs it: {@code layer} carries the chip index and source, and is unfolded (reads the
     * pooled values) when a pooling layer precedes it.
     */
    public record Trained(DenseLayer layer, int trainedIndex, boolean afterPooling) implements Layer {
        public String name() {
            return layer.name();
        }

        public int size() {
            return layer.size();
        }
    }

    /** Sum pooling of the pre-pool map {@code map} (read from chip layer {@code source}) as a layer of graded neurons. */
    public record Pooling(String name, int source, SourceMap map) implements Layer {
        public int size() {
            return map.pooledSize();
        }

        /** Pre-pool neurons it reads. */
        public int fanIn() {
            return map.neurons();
        }
    }

    private final List<Layer> layers;
    private final List<DenseLayer> trained;

    private ChipLayers(List<Layer> layers, List<DenseLayer> trained) {
        this.layers = List.copyOf(layers);
        this.trained = trained;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Layer get(int chipIndex) {
        return layers.get(chipIndex);
    }

    public int size() {
        return layers.size();
    }

    /** The trained layers (folded), for the float reference, rates and readout activity. */
    public List<DenseLayer> trained() {
        return trained;
    }

    /** Trained index of chip layer {@code chipIndex}, or −1 for a pooling layer. */
    public int trainedIndex(int chipIndex) {
        return layers.get(chipIndex) instanceof Trained t ? t.trainedIndex() : -1;
    }

    /** Pooling layers inserted (each adds one step of delay between the input and the readout). */
    public int poolingLayers() {
        int n = 0;
        for (Layer l : layers) if (l instanceof Pooling) n++;
        return n;
    }

    /** Trained layers that read a sum-pooled map (candidates for a pooling layer), by trained index. */
    public static List<Integer> readersOfPooledMaps(TrainedNetwork net) {
        List<Integer> out = new ArrayList<>();
        SourceMap src = TrainedShapes.inputMap(net);
        for (int i = 0; i < net.getLayersCount(); i++) {
            if (src.pool() > 1) out.add(i);
            src = TrainedShapes.outputMap(net.getLayers(i));
        }
        return out;
    }

    /** The trained layers unchanged: every pooling folded. */
    public static ChipLayers folded(List<DenseLayer> trained) {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < trained.size(); i++) out.add(new Trained(trained.get(i), i, false));
        return new ChipLayers(out, trained);
    }

    /** A pooling layer before each trained layer of {@code unfold} (each must read a pooled map), the rest folded. */
    public static ChipLayers withPoolingLayers(TrainedNetwork net, List<DenseLayer> trained, Set<Integer> unfold) {
        List<Layer> out = new ArrayList<>();
        SourceMap src = TrainedShapes.inputMap(net);
        for (int i = 0; i < trained.size(); i++) {
            DenseLayer d = trained.get(i);
            int index = out.size();
            if (unfold.contains(i)) {
                if (src.pool() <= 1) throw new IllegalArgumentException("layer " + i + " '" + d.name() + "' does not read a pooled map");
                out.add(new Pooling(trained.get(i - 1).name() + "_pool", index - 1, src));
                out.add(new Trained(unfolded(d, index + 1, src), i, true));
            } else {
                out.add(new Trained(renumbered(d, index), i, false));
            }
            src = TrainedShapes.outputMap(net.getLayers(i));
        }
        return new ChipLayers(out, trained);
    }

    private static DenseLayer renumbered(DenseLayer d, int index) {
        if (d.index() == index) return d;
        return new DenseLayer(index, d.name(), index - 1, d.size(), d.fanIn(), d.weights(), d.bias(), d.neuron(), d.readout(),
                d.recurrentWeights(), d.tying());
    }

    /** {@code d} reading the pooled values of {@code src} (one per window) instead of the windows' pre-pool neurons. */
    static DenseLayer unfolded(DenseLayer d, int index, SourceMap src) {
        SourceMap pooled = new SourceMap(src.channels(), src.height(), src.width(), 1);
        WeightTying t = d.tying();
        if (d.conv()) {
            ConvGeometry g = t.conv();
            WeightTying u = TyingBuilder.conv(t.params(), g, pooled);
            return new DenseLayer(index, d.name(), index - 1, d.size(), pooled.neurons(), u.expand(t.params()), d.bias(), d.neuron(),
                    d.readout(), null, u);
        }
        // A dense layer's trained weights are [size, pooled values]: what it reads from a pooling layer.
        return new DenseLayer(index, d.name(), index - 1, d.size(), pooled.neurons(), t.params(), d.bias(), d.neuron(), d.readout(),
                d.recurrentWeights(), null);
    }
}
