package dev.spikeforge.trainer.config;

import dev.spikeforge.trainer.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer list of a small SEW-ResNet: a conv stem, residual blocks, dense layers. A block is two
 * 3×3 convs (padding 1, stride 1, no pooling) whose output is added to the block input (SEW's ADD
 * connection); a block's input is thus the stem's output plus the outputs of every block before it,
 * and each sum is read as the {@link LayerSpec#sources()} of the layer after it (the block's first
 * conv, or the first dense layer after the last block). With one step of delay per connection, the
 * skip path reaches that layer two steps before the block's.
 */
public final class ResidualNet {
    private ResidualNet() {}

    /**
     * @param stem conv layers before the blocks (the last one fixes the channels of every block)
     * @param blocks residual blocks, at least 1
     * @param hidden sizes of the dense layers after the blocks, at least one (the first reads the
     *     last sum)
     */
    public static List<LayerSpec> layers(List<LayerSpec> stem, int blocks, int[] hidden) {
        if (stem.isEmpty() || !(stem.get(stem.size() - 1) instanceof LayerSpec.Conv last)) {
            throw new ConfigException(
                    "layers", "a residual net needs a conv stem before its blocks");
        }
        if (blocks < 1) throw new ConfigException("blocks", "must be >= 1, got " + blocks);
        if (hidden.length == 0)
            throw new ConfigException(
                    "layers",
                    "a residual net needs a dense layer after its blocks, to read their sum");
        List<LayerSpec> layers = new ArrayList<>(stem);
        List<Integer> summed =
                new ArrayList<>(
                        List.of(
                                stem.size()
                                        - 1)); // the outputs whose sum is the next block's input
        for (int b = 0; b < blocks; b++) {
            layers.add(new LayerSpec.Conv(last.channels(), 3, 1, 1, 1, mainFirst(summed)));
            layers.add(new LayerSpec.Conv(last.channels(), 3, 1, 1, 1));
            summed.add(layers.size() - 1);
        }
        layers.add(new LayerSpec.Dense(hidden[0], mainFirst(summed)));
        for (int i = 1; i < hidden.length; i++) layers.add(new LayerSpec.Dense(hidden[i]));
        return layers;
    }

    /**
     * The sources of a sum, the latest (the layer just before the reader) first; one source is no
     * list at all.
     */
    private static List<Integer> mainFirst(List<Integer> summed) {
        if (summed.size() == 1) return List.of();
        List<Integer> s = new ArrayList<>(summed);
        java.util.Collections.reverse(s);
        return s;
    }
}
