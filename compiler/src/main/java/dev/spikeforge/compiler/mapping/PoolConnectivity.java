package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.artifact.validate.SourceMap;

/**
 * A pooling layer's connectivity: pooled neuron (c, y, x) reads its pool × pool window of channel
 * c's pre-pool map. Spans run from the window's first row to its last (row-major), so they grow
 * with the neuron index; each source is read by exactly one neuron.
 */
final class PoolConnectivity extends OneReaderConnectivity {
    private final SourceMap map;
    private final int synapses;

    PoolConnectivity(SourceMap map) {
        this.map = map;
        this.synapses = map.pool() * map.pool();
    }

    @Override
    public int fanIn() {
        return map.neurons();
    }

    @Override
    public int synapses(int n) {
        return synapses;
    }

    @Override
    public int spanBegin(int n) {
        int x = n % map.width(),
                y = n / map.width() % map.height(),
                c = n / (map.width() * map.height());
        int w = map.width() * map.pool(), h = map.height() * map.pool();
        return (c * h + y * map.pool()) * w + x * map.pool();
    }

    @Override
    public int spanEnd(int n) {
        int w = map.width() * map.pool();
        return spanBegin(n) + (map.pool() - 1) * w + map.pool();
    }
}
