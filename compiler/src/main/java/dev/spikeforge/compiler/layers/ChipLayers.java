package dev.spikeforge.compiler.layers;

import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.validate.SourceMap;
import dev.spikeforge.proto.artifact.validate.TrainedShapes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layers as the chip runs them, in order: the trained layers and, right after a sum-pooled conv
 * layer whose pooling is compiled as a layer, a {@link Pooling} layer whose graded spikes carry
 * each window's spike count; right before a layer whose residual sum is compiled as a layer, a
 * {@link Sum} layer whose graded spikes carry each column's total over its sources (the layer then
 * reads that one source). Every reader of that conv layer reads its pooling layer instead (one
 * pooling layer per pooled map, however many read it): with its trained weights over the pooled
 * values (unfolded); without a pooling layer a reader takes the window's pre-pool neurons (folded).
 * A layer that sums a pooled map with unpooled ones can only read it unfolded, so that map always
 * gets its pooling layer. The float reference, rates and readout activity stay with the trained
 * layers; {@link #trainedIndex} maps back.
 */
public final class ChipLayers {
    /** One layer on the chip. */
    public sealed interface Layer permits Trained, Pooling, Sum {
        String name();

        int size();

        /** What it reads, as chip layer indices (−1: the input). */
        Sources sources();
    }

    /**
     * A trained layer as the chip runs it: {@code layer} carries the chip index and sources. {@code
     * unfolded}: the trained layer reads its pooled sources folded, the chip layer reads their
     * pooling layers (the same integer per trained weight, laid out over the pooled values).
     */
    public record Trained(FloatLayer layer, int trainedIndex, boolean unfolded) implements Layer {
        public String name() {
            return layer.name();
        }

        public int size() {
            return layer.size();
        }

        public Sources sources() {
            return layer.sources();
        }
    }

    /**
     * Sum pooling of the pre-pool map {@code map} (read from chip layer {@code source}) as a layer
     * of graded neurons.
     */
    public record Pooling(String name, int source, SourceMap map) implements Layer {
        public int size() {
            return map.pooledSize();
        }

        public Sources sources() {
            return Sources.of(source);
        }

        /** Pre-pool neurons it reads. */
        public int fanIn() {
            return map.neurons();
        }
    }

    /**
     * A residual sum as a layer of graded neurons: neuron i adds neuron i of every source (chip
     * indices), for a reader whose neurons would otherwise hold one synapse per column per source.
     */
    public record Sum(String name, Sources sources, int size) implements Layer {}

    private final List<Layer> layers;
    private final List<FloatLayer> trained;

    /**
     * Per chip layer, the steps it runs behind the trained layer (one per pooling layer on the
     * way), the most of its sources'.
     */
    private final int[] lag;

    /** Trained layers whose sources are not equally late: the chip would sum them steps apart. */
    private final List<String> unevenlyLate;

    private ChipLayers(List<Layer> layers, List<FloatLayer> trained) {
        this.layers = List.copyOf(layers);
        this.trained = trained;
        this.lag = new int[layers.size()];
        List<String> uneven = new ArrayList<>();
        for (int c = 0; c < lag.length; c++) {
            Sources s = layers.get(c).sources();
            int most = 0, least = Integer.MAX_VALUE;
            for (int k = 0; k < s.count(); k++) {
                int l = s.layer(k) < 0 ? 0 : lag[s.layer(k)];
                most = Math.max(most, l);
                least = Math.min(least, l);
            }
            lag[c] = most + (layers.get(c) instanceof Trained ? 0 : 1);
            if (least != most) uneven.add(layers.get(c).name());
        }
        this.unevenlyLate = List.copyOf(uneven);
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
    public List<FloatLayer> trained() {
        return trained;
    }

    /** Trained index of chip layer {@code chipIndex}, or −1 for a pooling or sum layer. */
    public int trainedIndex(int chipIndex) {
        return layers.get(chipIndex) instanceof Trained t ? t.trainedIndex() : -1;
    }

    /** Pooling layers inserted. */
    public int poolingLayers() {
        int n = 0;
        for (Layer l : layers) if (l instanceof Pooling) n++;
        return n;
    }

    /** Sum layers inserted. */
    public int sumLayers() {
        int n = 0;
        for (Layer l : layers) if (l instanceof Sum) n++;
        return n;
    }

    /**
     * The most one neuron of chip layer {@code c} sends in one step (−1: an input axon, 1): 1 for a
     * spike, a window's size for a pooling layer, the sources' total for a sum layer.
     */
    public int payload(int c) {
        Layer l = c < 0 ? null : layers.get(c);
        if (l instanceof Pooling p) return p.map().pool() * p.map().pool();
        if (l instanceof Sum s) {
            int total = 0;
            for (int k = 0; k < s.sources().count(); k++) total += payload(s.sources().layer(k));
            return total;
        }
        return 1;
    }

    /**
     * Steps the last layer runs behind the trained network: one per pooling or sum layer between it
     * and the input (on every path alike, unless {@link #unevenlyLate} names a layer). The chip
     * runs that many steps more.
     */
    public int delay() {
        return lag.length == 0 ? 0 : lag[lag.length - 1];
    }

    /**
     * Layers whose sources reach them through different numbers of pooling layers: a summed source
     * would arrive a step apart from the others, where the trained network sums them on the same
     * step.
     */
    public List<String> unevenlyLate() {
        return unevenlyLate;
    }

    /**
     * Trained layers whose output is a sum-pooled map that some layer reads: those that may get a
     * pooling layer.
     */
    public static List<Integer> pooledSources(TrainedNetwork net, List<FloatLayer> trained) {
        Set<Integer> out = new TreeSet<>();
        for (FloatLayer d : trained) {
            for (int s : d.sources().layers()) if (s >= 0 && map(net, s).pool() > 1) out.add(s);
        }
        return List.copyOf(out);
    }

    /** Names of the trained layers that read trained layer {@code source}. */
    public static List<String> readersOf(List<FloatLayer> trained, int source) {
        List<String> out = new ArrayList<>();
        for (FloatLayer d : trained) if (d.sources().reads(source)) out.add(d.name());
        return out;
    }

    /**
     * Pooled maps that must get a pooling layer: those a layer sums with unpooled ones (see {@link
     * Sources}).
     */
    public static Set<Integer> requiredPooling(List<FloatLayer> trained) {
        Set<Integer> out = new TreeSet<>();
        for (FloatLayer d : trained) {
            for (int k = 0; k < d.sources().count(); k++)
                if (d.sources().window(k) != null) out.add(d.sources().layer(k));
        }
        return out;
    }

    /**
     * The chip's layers with a pooling layer after each trained layer of {@code pooled} (each must
     * output a pooled map), after every one {@link #requiredPooling} names, and after every further
     * one a pooling layer forces: a layer summing several equally pooled maps reads all of them
     * folded or all through pooling layers (each source as long as the layer's fan-in).
     */
    public static ChipLayers of(TrainedNetwork net, List<FloatLayer> trained, Set<Integer> pooled) {
        return of(net, trained, pooled, Set.of());
    }

    /**
     * As {@link #of(TrainedNetwork, List, Set)}, with a {@link Sum} layer before each trained layer
     * of {@code summed} (each must read several sources).
     */
    public static ChipLayers of(
            TrainedNetwork net,
            List<FloatLayer> trained,
            Set<Integer> pooled,
            Set<Integer> summed) {
        Set<Integer> with = closure(net, trained, pooled);
        List<Layer> out = new ArrayList<>();
        int[] readAs = new int[trained.size()]; // the chip layer a trained layer's readers read
        for (int i = 0; i < trained.size(); i++) {
            FloatLayer d = trained.get(i);
            int index = out.size();
            Sources s = d.sources();
            int[] chipSources = new int[s.count()];
            for (int k = 0; k < s.count(); k++)
                chipSources[k] = s.layer(k) < 0 ? -1 : readAs[s.layer(k)];
            SourceMap read = s.first() < 0 ? null : map(net, s.first());
            boolean unfold =
                    s.windows() == null
                            && read != null
                            && read.pool() > 1
                            && with.contains(s.first());
            Sources chipReads = s.renumbered(chipSources);
            if (summed.contains(i)) {
                if (!s.summed())
                    throw new IllegalArgumentException(
                            "layer " + i + " '" + d.name() + "' reads one source: nothing to sum");
                // The sum's columns are the reader's: the pooled values where it reads pooling
                // layers (unfolded).
                int columns =
                        unfold
                                ? new SourceMap(read.channels(), read.height(), read.width(), 1)
                                        .neurons()
                                : d.fanIn();
                out.add(new Sum(d.name() + "_sum", chipReads, columns));
                chipReads = Sources.of(index);
                index++;
            }
            FloatLayer chip = unfold ? unfolded(d, index, read, chipReads) : d.at(index, chipReads);
            out.add(new Trained(chip, i, unfold));
            readAs[i] = index;
            if (with.contains(i)) {
                SourceMap m = map(net, i);
                if (m.pool() <= 1)
                    throw new IllegalArgumentException(
                            "layer " + i + " '" + d.name() + "' does not output a pooled map");
                out.add(new Pooling(d.name() + "_pool", index, m));
                readAs[i] = index + 1;
            }
        }
        return new ChipLayers(out, trained);
    }

    private static Set<Integer> closure(
            TrainedNetwork net, List<FloatLayer> trained, Set<Integer> pooled) {
        Set<Integer> with = new LinkedHashSet<>(pooled);
        with.addAll(requiredPooling(trained));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (FloatLayer d : trained) {
                Sources s = d.sources();
                if (!s.summed()
                        || s.windows() != null
                        || s.first() < 0
                        || map(net, s.first()).pool() <= 1) continue;
                boolean any = false;
                for (int l : s.layers()) any |= with.contains(l);
                if (any) for (int l : s.layers()) grew |= with.add(l);
            }
        }
        return with;
    }

    /** What readers of trained layer {@code s} read: its output map, pooled or not. */
    private static SourceMap map(TrainedNetwork net, int s) {
        return TrainedShapes.outputMap(net.getLayers(s));
    }

    /**
     * {@code d} at chip index {@code index} reading the pooled values of {@code src} (one per
     * window) from {@code sources} (pooling layers) instead of the windows' pre-pool neurons.
     */
    static FloatLayer unfolded(FloatLayer d, int index, SourceMap src, Sources sources) {
        SourceMap pooled = new SourceMap(src.channels(), src.height(), src.width(), 1);
        WeightTying t = d.tying();
        if (d.conv()) {
            ConvGeometry g = t.conv();
            WeightTying u = TyingBuilder.conv(t.params(), g, pooled);
            return new FloatLayer(
                    index,
                    d.name(),
                    sources,
                    d.size(),
                    pooled.neurons(),
                    u.expand(t.params()),
                    d.bias(),
                    d.neuron(),
                    d.readout(),
                    null,
                    u);
        }
        // A dense layer's trained weights are [size, pooled values]: what it reads from a pooling
        // layer.
        return new FloatLayer(
                index,
                d.name(),
                sources,
                d.size(),
                pooled.neurons(),
                t.params(),
                d.bias(),
                d.neuron(),
                d.readout(),
                d.recurrentWeights(),
                null);
    }
}
