package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR Conv1d: 1-d convolution; weight [C_out, C_in, N]; {@code inputShape} may be null. */
public record Conv1d(
        NdArray weight,
        NdArray bias,
        NdArray stride,
        Value padding,
        NdArray dilation,
        NdArray groups,
        NdArray inputShape,
        Map<String, Value> metadata)
        implements NirNode {
    public Conv1d {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(stride, "stride");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(dilation, "dilation");
        Objects.requireNonNull(groups, "groups");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Conv1d(
            NdArray weight,
            NdArray bias,
            NdArray stride,
            Value padding,
            NdArray dilation,
            NdArray groups,
            NdArray inputShape) {
        this(weight, bias, stride, padding, dilation, groups, inputShape, Map.of());
    }

    @Override
    public String type() {
        return "Conv1d";
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
