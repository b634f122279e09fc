package dev.spikeforge.compiler.layers;

import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.artifact.validate.SourceMap;

/**
 * Builds the {@link WeightTying} of a conv layer and of a dense layer that reads a pooled conv map.
 */
final class TyingBuilder {
    private TyingBuilder() {}

    /**
     * A conv layer: neuron (o, y, x) reads, for every input channel c and kernel tap (dy, dx)
     * inside the zero-padded map, pooled value (c, y·s + dy − pad, x·s + dx − pad) (stride s) with
     * weight W[o, c, dy, dx] — i.e. every pre-pool neuron of that value's window.
     */
    static WeightTying conv(float[] kernel, ConvGeometry g, SourceMap src) {
        int C = g.getInChannels(),
                k = g.getKernel(),
                pad = g.getPadding(),
                oh = g.getOutHeight(),
                ow = g.getOutWidth();
        int stride = Math.max(1, g.getStride());
        int size = g.getOutChannels() * oh * ow, fanIn = src.neurons();
        int[] index = new int[size * fanIn];
        java.util.Arrays.fill(index, -1);
        int[] pre = new int[src.pool() * src.pool()];
        for (int o = 0; o < g.getOutChannels(); o++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int row = ((o * oh + y) * ow + x) * fanIn;
                    for (int c = 0; c < C; c++) {
                        for (int dy = 0; dy < k; dy++) {
                            int iy = y * stride + dy - pad;
                            if (iy < 0 || iy >= g.getInHeight()) continue;
                            for (int dx = 0; dx < k; dx++) {
                                int ix = x * stride + dx - pad;
                                if (ix < 0 || ix >= g.getInWidth()) continue;
                                int p = ((o * C + c) * k + dy) * k + dx;
                                int m = src.preimage(c, iy, ix, pre);
                                for (int j = 0; j < m; j++) index[row + pre[j]] = p;
                            }
                        }
                    }
                }
            }
        }
        return new WeightTying(kernel, g.getOutChannels(), oh * ow, index, g);
    }

    /**
     * A dense layer [size, pooled values] reading a pooled map: each pooled weight copied onto its
     * window.
     */
    static WeightTying pooledDense(float[] weights, int size, SourceMap src) {
        int pooled = src.pooledSize(), fanIn = src.neurons();
        int[] index = new int[size * fanIn];
        int[] pre = new int[src.pool() * src.pool()];
        for (int n = 0; n < size; n++) {
            for (int c = 0; c < src.channels(); c++) {
                for (int y = 0; y < src.height(); y++) {
                    for (int x = 0; x < src.width(); x++) {
                        int j = (c * src.height() + y) * src.width() + x;
                        int m = src.preimage(c, y, x, pre);
                        for (int q = 0; q < m; q++) index[n * fanIn + pre[q]] = n * pooled + j;
                    }
                }
            }
        }
        return new WeightTying(weights, size, 1, index, null);
    }
}
