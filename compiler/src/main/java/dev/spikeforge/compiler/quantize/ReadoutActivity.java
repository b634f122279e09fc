package dev.spikeforge.compiler.quantize;

import dev.spikeforge.compiler.layers.Sources;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.TrainedNetwork;

/**
 * The spike probability per step assumed for the inputs of a readout layer (ρ in {@link
 * ReadoutHeadroom}).
 *
 * <p>When the trainer recorded firing rates (the last epoch's {@code firing_rate}, one per spiking
 * layer, as spikes per neuron per step), ρ = min(1, 2 × the source layer's rate): the factor 2
 * covers samples and neurons above the mean. Otherwise, and for a readout fed by the input axons,
 * the caller's fallback is used.
 *
 * <p>A readout that sums several sources reads each column from all of them: ρ is the sum of each
 * source's, a source read by pooling windows counting pool² neurons per column (its ρ times pool²,
 * what a column can receive from it).
 */
public final class ReadoutActivity {
    /**
     * Fallback ρ: half of the inputs spiking every step is far busier than a typical trained SNN
     * (5-20 %). Erring this way costs one bit of score resolution, out of the ~22 the readout's v
     * keeps; clipping would instead corrupt the class decision.
     */
    public static final double DEFAULT = 0.5;

    private ReadoutActivity() {}

    /** ρ for the readout at {@code readoutIndex} reading the layer before it. */
    public static double estimate(TrainedNetwork net, int readoutIndex, double fallback) {
        return estimate(net, Sources.of(readoutIndex - 1), fallback);
    }

    /** ρ for a readout reading {@code sources} (trained layer indices). */
    public static double estimate(TrainedNetwork net, Sources sources, double fallback) {
        double rho = 0;
        for (int k = 0; k < sources.count(); k++)
            rho += sources.payload(k) * ofSource(net, sources.layer(k), fallback);
        return rho;
    }

    private static double ofSource(TrainedNetwork net, int source, double fallback) {
        int epochs = net.getProvenance().getEpochsCount();
        if (source < 0 || epochs == 0) return fallback;
        EpochMetrics last = net.getProvenance().getEpochs(epochs - 1);
        // Layers before a readout are all spiking (the validator allows a readout only last), so
        // indices align.
        if (source >= last.getFiringRateCount()) return fallback;
        double rate = last.getFiringRate(source);
        if (!(rate > 0) || !Double.isFinite(rate)) return fallback;
        return Math.min(1.0, 2 * rate);
    }
}
