package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.AvgPool2d;
import dev.spikeforge.nir.graph.Conv2d;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.graph.SumPool2d;
import dev.spikeforge.nir.graph.Text;
import dev.spikeforge.nir.graph.Value;
import dev.spikeforge.proto.ConvGeometry;
import java.util.Arrays;

/**
 * NIR's Conv2d and pooling nodes to the geometry of a Spikeforge CONV_LIF layer (trained.proto
 * ConvGeometry): cross-correlation with a square kernel, one stride for both axes, dilation 1, one
 * group and the same zero padding on every side (the output map as NIR and PyTorch infer it, (in +
 * 2·padding − kernel) / stride + 1 rounded down, which is also the trained form's); then
 * non-overlapping p × p sum pooling of the spikes that covers the whole map. Anything else is
 * refused with the node named, because an approximation would change what the network computes.
 */
final class ConvMapping {
    private ConvMapping() {}

    /**
     * A [channels, height, width] map as a layer reads or writes it, flattened (channel, row,
     * column).
     */
    record FeatureMap(int channels, int height, int width) {
        long size() {
            return (long) channels * height * width;
        }

        @Override
        public String toString() {
            return "[" + channels + ", " + height + ", " + width + "]";
        }
    }

    /**
     * The map a conv reads from the graph's Input: its shape when it is [C, H, W] or [H, W], else
     * null.
     */
    static FeatureMap ofInputShape(long[] shape) {
        if (shape.length == 3)
            return new FeatureMap((int) shape[0], (int) shape[1], (int) shape[2]);
        if (shape.length == 2) return new FeatureMap(1, (int) shape[0], (int) shape[1]);
        return null;
    }

    /**
     * The conv's geometry (pool 1) for input map {@code in}; {@code in} may be null when the conv
     * follows a flat Input, whose map is then the conv's own input_shape with its in-channels, if
     * the sizes agree.
     */
    static ConvGeometry geometry(String path, Conv2d c, FeatureMap in, long inWidth) {
        String type = c.type();
        NdArray w = c.weight();
        if (w.rank() != 4)
            throw NirFormatException.at(
                    path,
                    type,
                    "weight has shape "
                            + Arrays.toString(w.shape())
                            + "; expected [C_out, C_in, H, W]");
        int out = w.dim(0), cin = w.dim(1), kh = w.dim(2), kw = w.dim(3);
        if (kh != kw)
            throw NirFormatException.at(
                    path,
                    type,
                    "kernel "
                            + kh
                            + "x"
                            + kw
                            + " is not square; Spikeforge's conv kernels are k x k");
        long[] spatial = c.inputShape() == null ? null : c.inputShape().longs();
        if (spatial != null && spatial.length != 2) {
            throw NirFormatException.at(
                    path, type, "input_shape " + Arrays.toString(spatial) + " is not [H, W]");
        }
        if (in == null) {
            if (spatial == null || cin * spatial[0] * spatial[1] != inWidth) {
                throw NirFormatException.at(
                        path,
                        type,
                        "reads a flat vector of "
                                + inWidth
                                + " values, not a [C, H, W] map"
                                + (spatial == null
                                        ? " (and it has no input_shape)"
                                        : " matching its input_shape "
                                                + Arrays.toString(spatial)
                                                + " x "
                                                + cin
                                                + " channels")
                                + "; a conv must read the Input map or another conv layer's (NIR"
                                + " has no unflatten)");
            }
            in = new FeatureMap(cin, (int) spatial[0], (int) spatial[1]);
        }
        if (cin != in.channels())
            throw NirFormatException.at(
                    path, type, "weight has " + cin + " input channels but its input map is " + in);
        if (spatial != null && (spatial[0] != in.height() || spatial[1] != in.width())) {
            throw NirFormatException.at(
                    path,
                    type,
                    "input_shape "
                            + Arrays.toString(spatial)
                            + " differs from its input map "
                            + in);
        }
        long[] stride = c.stride().longs();
        if (stride.length == 0
                || stride.length > 2
                || stride[0] != stride[stride.length - 1]
                || stride[0] < 1) {
            throw NirFormatException.at(
                    path,
                    type,
                    "stride = "
                            + Arrays.toString(stride)
                            + " is not one positive value for both axes; Spikeforge's conv layers "
                            + "step the kernel equally along rows and columns");
        }
        allOnes(
                path,
                type,
                "dilation",
                c.dilation(),
                "Spikeforge's kernels are dense (dilation 1)");
        if (c.groups().size() != 1 || c.groups().get(0) != 1) {
            throw NirFormatException.at(
                    path,
                    type,
                    "groups = "
                            + Arrays.toString(c.groups().longs())
                            + "; Spikeforge's conv connects every input channel to every output"
                            + " channel (groups = 1); write a grouped or depthwise conv as a full"
                            + " kernel with zeros");
        }
        int pad = padding(path, c, kh);
        if (stride[0] > 1 && c.padding() instanceof Text t && t.value().equals("same")) {
            throw NirFormatException.at(
                    path,
                    type,
                    "padding 'same' with stride "
                            + stride[0]
                            + ": NIR keeps the input's size for 'same' whatever the stride "
                            + "(PyTorch refuses the combination); give the padding as a number");
        }
        if (c.bias().size() != out)
            throw NirFormatException.at(
                    path,
                    type,
                    "bias has " + c.bias().size() + " values for " + out + " output channels");
        long[] outMap = c.outputShape(new long[] {in.channels(), in.height(), in.width()});
        int oh = (int) outMap[1], ow = (int) outMap[2];
        if (oh < 1 || ow < 1)
            throw NirFormatException.at(
                    path,
                    type,
                    "a "
                            + kh
                            + "x"
                            + kh
                            + " kernel with padding "
                            + pad
                            + " does not fit the input map "
                            + in);
        return ConvGeometry.newBuilder()
                .setInChannels(in.channels())
                .setInHeight(in.height())
                .setInWidth(in.width())
                .setOutChannels(out)
                .setKernel(kh)
                .setPadding(pad)
                .setStride((int) stride[0])
                .setOutHeight(oh)
                .setOutWidth(ow)
                .setPool(1)
                .build();
    }

    /** Symmetric zero padding: 'valid', 'same' with an odd kernel, or one value for both axes. */
    private static int padding(String path, Conv2d c, int k) {
        Value p = c.padding();
        if (p instanceof Text t) {
            return switch (t.value()) {
                case "valid" -> 0;
                case "same" -> {
                    if (k % 2 == 0) {
                        throw NirFormatException.at(
                                path,
                                c.type(),
                                "padding 'same' with the even kernel "
                                        + k
                                        + "x"
                                        + k
                                        + " pads one side more than the other; "
                                        + "Spikeforge pads every side equally");
                    }
                    yield (k - 1) / 2;
                }
                default ->
                        throw NirFormatException.at(
                                path,
                                c.type(),
                                "padding '" + t.value() + "' is not 'same', 'valid' or a number");
            };
        }
        long[] v = ((NdArray) p).longs();
        if (v.length == 0 || v.length > 2)
            throw NirFormatException.at(
                    path,
                    c.type(),
                    "padding " + Arrays.toString(v) + " is not one value or [H, W]");
        if (v[0] != v[v.length - 1]) {
            throw NirFormatException.at(
                    path,
                    c.type(),
                    "asymmetric padding "
                            + Arrays.toString(v)
                            + " (rows vs columns); Spikeforge pads every side equally");
        }
        if (v[0] < 0)
            throw NirFormatException.at(path, c.type(), "padding " + v[0] + " is negative");
        return (int) v[0];
    }

    private static void allOnes(String path, String type, String name, NdArray a, String why) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != 1)
                throw NirFormatException.at(
                        path, type, name + " = " + Arrays.toString(a.longs()) + ": " + why);
        }
    }

    static boolean isPool(NirNode n) {
        return n instanceof SumPool2d || n instanceof AvgPool2d;
    }

    /**
     * The window p of a pooling node after a conv layer's neurons: p × p, stride p, no padding, and
     * p dividing the map (PyTorch would drop the remainder; Spikeforge's pooling covers the map).
     */
    static int pool(String path, NirNode n, ConvGeometry g) {
        String type = n.type();
        NdArray kernel = n instanceof SumPool2d s ? s.kernelSize() : ((AvgPool2d) n).kernelSize();
        NdArray stride = n instanceof SumPool2d s ? s.stride() : ((AvgPool2d) n).stride();
        NdArray padding = n instanceof SumPool2d s ? s.padding() : ((AvgPool2d) n).padding();
        long[] k = square(path, type, "kernel_size", kernel),
                st = square(path, type, "stride", stride);
        if (k[0] < 1)
            throw NirFormatException.at(path, type, "kernel_size " + k[0] + " must be >= 1");
        if (st[0] != k[0]) {
            throw NirFormatException.at(
                    path,
                    type,
                    "stride "
                            + st[0]
                            + " differs from kernel_size "
                            + k[0]
                            + "; Spikeforge pools non-overlapping windows (stride = kernel)");
        }
        for (long p : padding.longs())
            if (p != 0)
                throw NirFormatException.at(
                        path,
                        type,
                        "padding "
                                + Arrays.toString(padding.longs())
                                + ": Spikeforge pools without padding");
        int p = (int) k[0];
        if (g.getOutHeight() % p != 0 || g.getOutWidth() % p != 0) {
            throw NirFormatException.at(
                    path,
                    type,
                    p
                            + "x"
                            + p
                            + " windows do not tile the "
                            + g.getOutHeight()
                            + "x"
                            + g.getOutWidth()
                            + " map (the framework drops the remainder; Spikeforge's pooling covers"
                            + " the whole map)");
        }
        if (n instanceof AvgPool2d && Integer.bitCount(p) != 1) {
            throw NirFormatException.at(
                    path,
                    type,
                    "averaging over "
                            + p
                            + "x"
                            + p
                            + " = "
                            + p * p
                            + " values: Spikeforge sums spikes and folds 1/"
                            + p * p
                            + " into the next layer's weights only when that is exact in float32 (p"
                            + " a power of two); use SumPool2d and scale the next weights by 1/"
                            + p * p);
        }
        return p;
    }

    /**
     * Factor the next layer's weights take for this pooling node: 1 for a sum, 1/p² (a power of
     * two) for an average.
     */
    static float weightScale(NirNode n, int p) {
        return n instanceof AvgPool2d ? 1f / (p * p) : 1f;
    }

    private static long[] square(String path, String type, String name, NdArray a) {
        long[] v = a.longs();
        if (v.length == 0 || v.length > 2)
            throw NirFormatException.at(
                    path, type, name + " " + Arrays.toString(v) + " is not one value or [H, W]");
        if (v[0] != v[v.length - 1])
            throw NirFormatException.at(
                    path,
                    type,
                    name
                            + " "
                            + Arrays.toString(v)
                            + " is not square; Spikeforge pools p x p windows");
        return v;
    }
}
