package dev.spikeforge.compiler.validate;

import dev.spikeforge.compiler.layers.ChipLayers;
import dev.spikeforge.compiler.mapping.SpikeRates;
import dev.spikeforge.proto.artifact.validate.SourceMap;

/**
 * The trained layers' spike rates carried over to the layers as the chip runs them: a trained layer
 * keeps its own, a pooling neuron fires on every step its window spiked, at most the sum of the
 * window's rates (capped at one spike per step), which is what it is given: an upper bound; a sum
 * neuron likewise over its column's sources.
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
            } else if (chip.get(c) instanceof ChipLayers.Pooling p) {
                per[c] = pooled(trained, chip.trainedIndex(p.source()), p.map());
            } else {
                per[c] = summed((ChipLayers.Sum) chip.get(c), per, layer, trained.hostRate());
            }
        }
        String source =
                chip.poolingLayers() + chip.sumLayers() == 0
                        ? trained.source()
                        : trained.source()
                                + "; pooling and sum layers bounded by their sources' rates";
        return new SpikeRates(per, layer, trained.hostRate(), source);
    }

    /**
     * A sum neuron fires on every step one of its column's sources did: at most their rates' sum,
     * capped at one.
     */
    private static double[] summed(
            ChipLayers.Sum sum, double[][] per, double[] layer, double hostRate) {
        double[] out = new double[sum.size()];
        for (int k = 0; k < sum.sources().count(); k++) {
            int s = sum.sources().layer(k);
            for (int i = 0; i < out.length; i++)
                out[i] += s < 0 ? hostRate / out.length : per[s] == null ? layer[s] : per[s][i];
        }
        for (int i = 0; i < out.length; i++) out[i] = Math.min(1, out[i]);
        return out;
    }

    private static double[] pooled(SpikeRates trained, int source, SourceMap map) {
        double[] out = new double[map.pooledSize()];
        int[] pre = new int[map.pool() * map.pool()];
        for (int c = 0; c < map.channels(); c++) {
            for (int y = 0; y < map.height(); y++) {
                for (int x = 0; x < map.width(); x++) {
                    int n = (c * map.height() + y) * map.width() + x,
                            m = map.preimage(c, y, x, pre);
                    double s = 0;
                    for (int j = 0; j < m; j++) s += trained.range(source, pre[j], pre[j] + 1);
                    out[n] = Math.min(1, s);
                }
            }
        }
        return out;
    }
}
