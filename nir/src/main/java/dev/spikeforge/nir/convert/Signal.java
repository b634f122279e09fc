package dev.spikeforge.nir.convert;

import java.util.Arrays;

/**
 * What flows along the chain between two layers, as NIR types it: the Input's shape, a conv layer's
 * (pooled) [C, H, W] map, or a flat vector after a Flatten or a dense layer. {@code convMap} tells
 * a conv layer's map apart from the Input's: a dense synapse may read the Input whole, but must not
 * read a conv map without a Flatten.
 */
record Signal(long[] shape, boolean convMap) {
    static Signal flat(long width) {
        return new Signal(new long[] {width}, false);
    }

    long width() {
        return NirImporter.product(shape);
    }

    /**
     * The [C, H, W] map a conv reads from this signal ([H, W] is one channel), or null when it is
     * not a map.
     */
    ConvMapping.FeatureMap map() {
        return ConvMapping.ofInputShape(shape);
    }

    @Override
    public String toString() {
        return Arrays.toString(shape);
    }
}
