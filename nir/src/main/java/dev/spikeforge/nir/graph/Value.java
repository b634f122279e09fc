package dev.spikeforge.nir.graph;

/** A parameter or metadata value of a NIR node: a numeric array (scalars included) or a text. */
public sealed interface Value permits NdArray, Text {}
