package dev.spikeforge.nir.graph;

import java.util.Map;

/**
 * A node of a NIR graph: one of NIR's primitives with its parameters, named as NIR names them (the
 * dataset names in a NIR file). Records are immutable; equality compares every parameter exactly
 * (values and dtypes).
 */
public sealed interface NirNode
        permits Input,
                Output,
                Affine,
                Linear,
                Scale,
                Conv1d,
                Conv2d,
                SumPool2d,
                AvgPool2d,
                Flatten,
                Delay,
                Threshold,
                I,
                IF,
                LI,
                LIF,
                CubaLI,
                CubaLIF,
                NirGraph {

    /** NIR's type name, the node's {@code type} dataset. */
    String type();

    /** Parameters by NIR name, in NIR's order; optional ones that are absent are left out. */
    Map<String, Value> params();

    /** The node's {@code metadata} group (empty when it has none). */
    Map<String, Value> metadata();
}
