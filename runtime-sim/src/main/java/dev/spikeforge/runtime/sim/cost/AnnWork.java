package dev.spikeforge.runtime.sim.cost;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;

/**
 * What the same network costs a conventional accelerator per inference: one multiply-accumulate per
 * connection a dense or sparse matrix product visits (size × fan_in for a dense {@code weights}
 * matrix, the stored synapses of a {@code sparse_weights} one, e.g. a conv layer's taps; size ×
 * size more for a dense recurrent matrix) and one read of every distinct weight ({@code
 * weight_parameters} where the compiler gave it, e.g. a conv kernel counted once).
 */
public record AnnWork(long macs, long weights) {

    public static AnnWork of(CompiledNetwork net) {
        long macs = 0, weights = 0;
        for (CompiledLayer l : net.getLayersList()) {
            long ff =
                    l.hasSparseWeights()
                            ? l.getSparseWeights().getTargetCount()
                            : (long) l.getFanIn() * l.getSize();
            long rec =
                    l.hasSparseRecurrentWeights()
                            ? l.getSparseRecurrentWeights().getTargetCount()
                            : l.getRecurrentWeightsCount() > 0
                                    ? (long) l.getSize() * l.getSize()
                                    : 0;
            macs += ff + rec;
            weights += (l.getWeightParameters() > 0 ? l.getWeightParameters() : ff) + rec;
        }
        return new AnnWork(macs, weights);
    }
}
