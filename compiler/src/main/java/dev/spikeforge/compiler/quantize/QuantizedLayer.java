package dev.spikeforge.compiler.quantize;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.LayerQuantization;

/** A layer in chip form together with what its quantization cost. */
public record QuantizedLayer(CompiledLayer layer, LayerQuantization report) {}
