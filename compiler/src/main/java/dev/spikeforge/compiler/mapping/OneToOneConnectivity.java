package dev.spikeforge.compiler.mapping;

/**
 * Neuron i reads source neuron i only (a sum layer's column): spans of one, each source read by one
 * neuron.
 */
final class OneToOneConnectivity extends OneReaderConnectivity {
    private final int size;

    OneToOneConnectivity(int size) {
        this.size = size;
    }

    @Override
    public int fanIn() {
        return size;
    }

    @Override
    public int synapses(int n) {
        return 1;
    }

    @Override
    public int spanBegin(int n) {
        return n;
    }

    @Override
    public int spanEnd(int n) {
        return n + 1;
    }
}
