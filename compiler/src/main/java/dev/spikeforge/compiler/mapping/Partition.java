package dev.spikeforge.compiler.mapping;

import dev.spikeforge.compiler.constraint.ConstraintViolation;
import java.util.List;

/**
 * Each layer's neurons split into contiguous per-core ranges, in layer order.
 *
 * @param layers per layer, its ranges (empty for a layer that cannot be mapped)
 * @param cores every core's use, layers in order, then neuron order (the core ids)
 * @param violations every limit broken; the partition is usable only when this is empty
 * @param coresNeeded cores of all layers, counting at least one neuron per core for an unmappable
 *     layer
 */
public record Partition(
        List<List<NeuronRange>> layers,
        List<CoreUse> cores,
        List<ConstraintViolation> violations,
        long coresNeeded) {
    public boolean fits() {
        return violations.isEmpty();
    }

    /** Id of the first core of layer l (cores are numbered layer by layer). */
    public int firstCore(int l) {
        int id = 0;
        for (int i = 0; i < l; i++) id += layers.get(i).size();
        return id;
    }
}
