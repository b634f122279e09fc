package dev.spikeforge.compiler.validate;

import dev.spikeforge.artifact.validate.SourceMap;
import dev.spikeforge.compiler.mapping.SpikeRates;
import dev.spikeforge.compiler.network.ChipLayers;

/**
 * The trained layers' spike rates carried over to the layers as the chip runs them: a trained layer keeps its own,
 * and a pooling neuron fires on every step its window spiked, at most the sum of the window's rates (capped at one
 * spike per step), which is what it is given: an upper bound.
 */
public final class ChipRates {
    private ChipRates() {}

    public static SpikeRates of(SpikeRates trained, ChipLayers chip) {
        int n = chip.size();
        double[][] per = new double[n][];
        double[] layer = new double[n];
        for (int c = 0; c < n; c++) {
            if (chip.get(c) instanceof ChipLayers.Trained t) {
                per[c] = trained.perNeuron()[t.trainedIndex()];
                layer[c] = trained.perLayer()[t.trainedIndex()];
            } else {
                ChipLayers.Pooling p = (ChipLayers.Pooling) chip.get(c);
                per[c] = pooled(trained, chip.trainedIndex(p.source()), p.map());
            }
        }
        String source = chip.poolingLayers() == 0 ? trained.source()
                : trained.source() + "; pooling layers bounded by their windows' rates";
        return new SpikeRates(per, layer, trained.hostRate(), source);
    }

    private static double[] pooled(SpikeRates trained, int source, SourceMap map) {
        double[] out = new double[map.pooledSize()];
        int[] pre = new int[map.pool() * map.pool()];
        for (int c = 0; c < map.channels(); c++) {
            for (int y = 0; y < map.height(); y++) {
                for (int x = 0; x < map.width(); x++) {
                    int n = (c * map.height() + y) * map.width() + x, m = map.preimage(c, y, x, pre);
                    double s = 0;
                    for (int j = 0; j < m; j++) s += trained.range(source, pre[j], pre[j] + 1);
                    out[n] = Math.min(1, s);
                }
            }
        }
        return out;
    }
}
