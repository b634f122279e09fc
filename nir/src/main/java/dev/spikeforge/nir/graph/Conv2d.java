package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR Conv2d: 2-d convolution; weight [C_out, C_in, H, W]; {@code inputShape} may be null. */
public record Conv2d(
        NdArray weight,
        NdArray bias,
        NdArray stride,
        Value padding,
        NdArray dilation,
        NdArray groups,
        NdArray inputShape,
        Map<String, Value> metadata)
        implements NirNode {
    public Conv2d {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(stride, "stride");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(dilation, "dilation");
        Objects.requireNonNull(groups, "groups");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Conv2d(
            NdArray weight,
            NdArray bias,
            NdArray stride,
            Value padding,
            NdArray dilation,
            NdArray groups,
            NdArray inputShape) {
        this(weight, bias, stride, padding, dilation, groups, inputShape, Map.of());
    }

    /**
     * The map [C_out, H', W'] this convolution makes of a [C_in, H, W] map, as NIR infers it (see
     * {@link SlidingWindow}); stride, dilation and padding enter as they are, whatever a consumer
     * of the graph supports.
     */
    public long[] outputShape(long[] inputMap) {
        long[] spatial = {inputMap[1], inputMap[2]};
        long[] out =
                SlidingWindow.output(
                        spatial,
                        padding,
                        dilation,
                        new long[] {weight.dim(2), weight.dim(3)},
                        stride);
        return new long[] {weight.dim(0), out[0], out[1]};
    }

    @Override
    public String type() {
        return "Conv2d";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("weight", weight);
        p.put("bias", bias);
        p.put("stride", stride);
        p.put("padding", padding);
        p.put("dilation", dilation);
        p.put("groups", groups);
        if (inputShape != null) p.put("input_shape", inputShape);
        return p;
    }
}
