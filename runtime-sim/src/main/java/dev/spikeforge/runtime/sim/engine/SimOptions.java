package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.runtime.sim.synapse.KernelChoice;

/**
 * How a network is laid out for simulation. {@code threads} > 1 splits every layer's neurons into
 * partitions that threads update and receive spikes into independently (results are identical for
 * any thread count).
 */
public record SimOptions(int threads, KernelChoice kernel) {
    public static final SimOptions DEFAULT = new SimOptions(1, KernelChoice.AUTO);

    public SimOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (kernel == null) throw new IllegalArgumentException("kernel must be given");
    }

    public SimOptions withThreads(int t) {
        return new SimOptions(t, kernel);
    }

    public SimOptions withKernel(KernelChoice k) {
        return new SimOptions(threads, k);
    }
}
