package dev.spikeforge.compiler.quantize;

import dev.spikeforge.compiler.layers.Sources;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.LayerQuantization;

/** A layer in chip form together with what its quantization cost. */
public record QuantizedLayer(CompiledLayer layer, LayerQuantization report) {

    /**
     * The same layer reading {@code sources}: `source` and, for several, `sources` (the first
     * repeated).
     */
    public QuantizedLayer reading(Sources sources) {
        CompiledLayer.Builder b = layer.toBuilder().setSource(sources.first()).clearSources();
        if (sources.summed()) for (int s : sources.layers()) b.addSources(s);
        return new QuantizedLayer(b.build(), report);
    }
}
