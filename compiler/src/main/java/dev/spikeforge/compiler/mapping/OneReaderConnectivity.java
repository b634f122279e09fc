package dev.spikeforge.compiler.mapping;

/**
 * Connectivity in which every source is read by exactly one neuron, through synapses of its own
 * (pooling and sum layers): never a dense matrix, and a source's fan-out is one.
 */
abstract class OneReaderConnectivity implements Connectivity {
    @Override
    public final boolean full() {
        return false;
    }

    @Override
    public final boolean local() {
        return true;
    }

    @Override
    public final long maxReaders(int size) {
        return 1;
    }
}
