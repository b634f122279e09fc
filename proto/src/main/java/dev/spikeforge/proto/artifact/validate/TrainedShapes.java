package dev.spikeforge.proto.artifact.validate;

import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.List;

/**
 * What each layer of a trained network reads: the input's size and map, and each layer's output
 * map.
 */
public final class TrainedShapes {
    private TrainedShapes() {}

    /**
     * Number of input axons (values the first layer reads per step): the product of the input
     * shape, one row ({@code width}) of a [H, W] or [C, H, W] shape with SEQUENTIAL encoding, or
     * layer 0's fan-in when the shape is not given.
     */
    public static int inputSize(TrainedNetwork net) {
        return (int) Math.min(Integer.MAX_VALUE, inputSizeWide(net));
    }

    static long inputSizeWide(TrainedNetwork net) {
        if (rowByRow(net))
            return Integer.toUnsignedLong(
                    net.getInput().getShape(net.getInput().getShapeCount() - 1));
        if (net.getInput().getShapeCount() > 0) {
            long n = 1;
            for (int d : net.getInput().getShapeList())
                n = saturatingProduct(n, Integer.toUnsignedLong(d));
            return n;
        }
        if (net.getLayersCount() == 0) return 0;
        TrainedLayer first = net.getLayers(0);
        if (first.getKind() == LayerKind.CONV_LIF) {
            ConvGeometry g = first.getConv();
            return saturatingProduct(
                    Integer.toUnsignedLong(g.getInChannels()),
                    Integer.toUnsignedLong(g.getInHeight()),
                    Integer.toUnsignedLong(g.getInWidth()));
        }
        return first.getWeights().getShapeCount() == 2
                ? Integer.toUnsignedLong(first.getWeights().getShape(1))
                : 0;
    }

    /**
     * The map layer 0 reads: the input shape when it is [C, H, W] or [H, W], else a flat vector.
     */
    public static SourceMap inputMap(TrainedNetwork net) {
        if (rowByRow(net)) return SourceMap.flat(inputSize(net));
        List<Integer> shape = net.getInput().getShapeList();
        if (shape.size() == 3) return new SourceMap(shape.get(0), shape.get(1), shape.get(2), 1);
        if (shape.size() == 2) return new SourceMap(1, shape.get(0), shape.get(1), 1);
        return SourceMap.flat(inputSize(net));
    }

    /**
     * What the next layer reads from layer l: a conv layer's pooled map, else its neurons as a
     * vector.
     */
    public static SourceMap outputMap(TrainedLayer l) {
        if (l.getKind() != LayerKind.CONV_LIF) return SourceMap.flat(l.getSize());
        ConvGeometry g = l.getConv();
        int p = Math.max(1, g.getPool());
        if (g.getOutHeight() % p != 0 || g.getOutWidth() % p != 0)
            return SourceMap.flat(l.getSize());
        return new SourceMap(g.getOutChannels(), g.getOutHeight() / p, g.getOutWidth() / p, p);
    }

    /** SEQUENTIAL encoding of an image: one row per step (as the trainer reads it). */
    private static boolean rowByRow(TrainedNetwork net) {
        return net.getInput().getEncoding() == Encoding.SEQUENTIAL
                && net.getInput().getShapeCount() >= 2;
    }

    /** The product of non-negative factors, saturating at Long.MAX_VALUE instead of wrapping. */
    static long saturatingProduct(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f == 0) return 0;
            p = p > Long.MAX_VALUE / f ? Long.MAX_VALUE : p * f;
        }
        return p;
    }
}
