package dev.spikeforge.trainer.quant;

import dev.spikeforge.trainer.hybrid.HybridSchedule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How training arrives at what the chip runs: hybrid (quantized, annealed) activations and
 * straight-through weight quantization.
 *
 * @param hybrid the levels schedule of the hidden layers' activations; null: binary spikes
 *     throughout
 * @param weightBits train with weights quantized to this many bits (the compiler's rule); 0: float
 *     weights
 */
public record QuantizationSpec(HybridSchedule hybrid, int weightBits) {
    public static final QuantizationSpec NONE = new QuantizationSpec(null, 0);

    public QuantizationSpec {
        if (weightBits < 0 || weightBits > 16)
            throw new IllegalArgumentException(
                    "weight bits must be 0 (float) or 1..16, got " + weightBits);
    }

    public boolean active() {
        return hybrid != null || weightBits > 0;
    }

    /**
     * Provenance entries; empty when nothing is quantized, so older runs' settings read the same.
     */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        if (hybrid != null) m.put("hybrid", hybrid.describe());
        if (weightBits > 0)
            m.put(
                    "weight_bits",
                    weightBits
                            + " (straight-through, the compiler's per-layer rule; the artifact"
                            + " holds W_int/k)");
        return m;
    }
}
