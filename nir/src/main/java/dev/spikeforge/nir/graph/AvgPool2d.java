package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR AvgPool2d: 2-d average pooling. */
public record AvgPool2d(
        NdArray kernelSize, NdArray stride, NdArray padding, Map<String, Value> metadata)
        implements NirNode {
    public AvgPool2d {
        Objects.requireNonNull(kernelSize, "kernel_size");
        Objects.requireNonNull(stride, "stride");
        Objects.requireNonNull(padding, "padding");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public AvgPool2d(NdArray kernelSize, NdArray stride, NdArray padding) {
        this(kernelSize, stride, padding, Map.of());
    }

    /**
     * The pooled map [C, H', W'] of a [C, H, W] map, as NIR infers it (see {@link SlidingWindow}).
     */
    public long[] outputShape(long[] inputMap) {
        long[] kernel = {SlidingWindow.at(kernelSize, 0), SlidingWindow.at(kernelSize, 1)};
        long[] out =
                SlidingWindow.output(
                        new long[] {inputMap[1], inputMap[2]}, padding, null, kernel, stride);
        return new long[] {inputMap[0], out[0], out[1]};
    }

    @Override
    public String type() {
        return "AvgPool2d";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("kernel_size", kernelSize);
        p.put("stride", stride);
        p.put("padding", padding);
        return p;
    }
}
