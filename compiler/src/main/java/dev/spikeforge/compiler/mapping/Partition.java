package dev.spikeforge.compiler.mapping;

import dev.spikeforge.compiler.constraint.ConstraintViolation;

import java.util.List;

/**
 * Each layer's neurons split into contiguous per-core ranges, in layer order.
 *
 * @param layers     per layer, its ranges (empty for a layer that cannot be mapped)
 * @param violations every limit broken; the partition is usable only when this is empty
 */
public record Partition(List<List<NeuronRange>> layers, List<ConstraintViolation> violations, int coresNeeded) {
    public boolean fits() {
        return violations.isEmpty();
    }
}
