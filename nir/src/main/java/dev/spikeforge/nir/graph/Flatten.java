package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * NIR Flatten: Reshape that merges dimensions start_dim..end_dim of {@code inputType} (may be
 * null).
 */
public record Flatten(
        NdArray startDim, NdArray endDim, NdArray inputType, Map<String, Value> metadata)
        implements NirNode {
    public Flatten {
        Objects.requireNonNull(startDim, "start_dim");
        Objects.requireNonNull(endDim, "end_dim");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Flatten(NdArray startDim, NdArray endDim, NdArray inputType) {
        this(startDim, endDim, inputType, Map.of());
    }

    /**
     * The shape after merging axes start_dim..end_dim of {@code input} (negative axes count from
     * the end), as NIR infers it.
     */
    public long[] outputShape(long[] input) {
        int start = axis(startDim, input.length), end = axis(endDim, input.length);
        long merged = 1;
        for (int d = start; d <= end; d++) merged *= input[d];
        long[] out = new long[input.length - (end - start)];
        System.arraycopy(input, 0, out, 0, start);
        out[start] = merged;
        System.arraycopy(input, end + 1, out, start + 1, input.length - end - 1);
        return out;
    }

    private static int axis(NdArray a, int rank) {
        int d = (int) a.get(0);
        return d < 0 ? d + rank : d;
    }

    @Override
    public String type() {
        return "Flatten";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("start_dim", startDim);
        p.put("end_dim", endDim);
        if (inputType != null) p.put("input_type", inputType);
        return p;
    }
}
