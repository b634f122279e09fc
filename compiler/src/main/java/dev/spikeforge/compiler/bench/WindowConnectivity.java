package dev.spikeforge.compiler.bench;

import dev.spikeforge.compiler.mapping.Connectivity;

/**
 * Random local connectivity without storing it: neuron n of a layer has a synapse count drawn (by a
 * hash of layer, neuron and seed) uniformly from [f/2, 3f/2], all inside a window of {@code width}
 * sources centred on the neuron's relative position in the source layer. Windows move monotonically
 * with n, as the mapper requires.
 */
final class WindowConnectivity implements Connectivity {
    private final int fanIn, size, meanSynapses, width;
    private final long salt;

    WindowConnectivity(int fanIn, int size, int meanSynapses, int width, long salt) {
        this.fanIn = fanIn;
        this.size = size;
        this.meanSynapses = meanSynapses;
        this.width = Math.min(fanIn, width);
        this.salt = salt;
    }

    @Override
    public int fanIn() {
        return fanIn;
    }

    @Override
    public int synapses(int n) {
        int lo = meanSynapses / 2, span = meanSynapses + 1;
        return Math.min(width, lo + (int) Long.remainderUnsigned(mix(salt + n), span));
    }

    @Override
    public int spanBegin(int n) {
        long centre = ((2L * n + 1) * fanIn) / (2L * size);
        return (int) Math.max(0, Math.min(fanIn - width, centre - width / 2));
    }

    @Override
    public int spanEnd(int n) {
        return spanBegin(n) + width;
    }

    @Override
    public boolean full() {
        return false;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
