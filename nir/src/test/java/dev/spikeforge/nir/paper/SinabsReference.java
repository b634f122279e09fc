package dev.spikeforge.nir.paper;

import dev.spikeforge.nir.graph.Affine;
import dev.spikeforge.nir.graph.Conv2d;
import dev.spikeforge.nir.graph.Edge;
import dev.spikeforge.nir.graph.Flatten;
import dev.spikeforge.nir.graph.IF;
import dev.spikeforge.nir.graph.Input;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirGraph;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.graph.Output;
import dev.spikeforge.nir.graph.SumPool2d;
import java.util.ArrayList;
import java.util.List;

/**
 * Sinabs' CNN evaluated straight from the graph's nodes (no Spikeforge conversion), in float64:
 * Conv2d written out with its stride and zero padding, NIR's IF with forward Euler at dt (v +=
 * dt·r·I, spike when v > v_threshold, then v − v_threshold: NIR 0.2.0's reset), SumPool2d, Flatten
 * and Affine. The edges do not delay: every node reads what the node before it produced on the same
 * graph step. The chain is followed from the Input along the edges, so the evaluation knows nothing
 * of how Spikeforge groups the nodes into layers.
 */
final class SinabsReference {
    /**
     * spikes[i][k][n]: the i-th IF node along the chain, graph step k, neuron n (flattened channel,
     * row, column).
     */
    final List<boolean[][]> spikes = new ArrayList<>();

    final List<String> neurons = new ArrayList<>();

    /**
     * @param x x[k][i]: input i spikes on graph step k
     */
    SinabsReference(NirGraph g, boolean[][] x, double dt) {
        List<String> chain = chain(g);
        int steps = x.length;
        List<double[]> v = new ArrayList<>();
        for (String n : chain) {
            if (g.nodes().get(n) instanceof IF f) {
                neurons.add(n);
                spikes.add(new boolean[steps][f.vThreshold().size()]);
                v.add(new double[f.vThreshold().size()]);
            }
        }
        long[] inShape = ((Input) g.nodes().get(chain.get(0))).shape().longs();
        for (int k = 0; k < steps; k++) {
            double[] signal = new double[x[k].length];
            for (int i = 0; i < signal.length; i++) signal[i] = x[k][i] ? 1 : 0;
            long[] shape = inShape;
            int neuron = 0;
            for (String name : chain.subList(1, chain.size())) {
                NirNode node = g.nodes().get(name);
                if (node instanceof Conv2d c) {
                    long[] out = c.outputShape(shape);
                    signal = conv(c, signal, shape, out);
                    shape = out;
                } else if (node instanceof IF f) {
                    double[] vv = v.get(neuron);
                    boolean[] z = spikes.get(neuron)[k];
                    double[] next = new double[signal.length];
                    for (int n = 0; n < signal.length; n++) {
                        vv[n] += dt * f.r().get(n) * signal[n];
                        if (vv[n] > f.vThreshold().get(n)) {
                            z[n] = true;
                            vv[n] -= f.vThreshold().get(n);
                            next[n] = 1;
                        }
                    }
                    signal = next;
                    neuron++;
                } else if (node instanceof SumPool2d p) {
                    long[] out = {
                        shape[0], shape[1] / p.stride().longs()[0], shape[2] / p.stride().longs()[1]
                    };
                    signal = pool(p, signal, shape, out);
                    shape = out;
                } else if (node instanceof Flatten) {
                    shape = new long[] {signal.length};
                } else if (node instanceof Affine a) {
                    double[] out = new double[a.weight().dim(0)];
                    int in = a.weight().dim(1);
                    for (int o = 0; o < out.length; o++) {
                        double s = a.bias().get(o);
                        for (int i = 0; i < in; i++)
                            if (signal[i] != 0) s += a.weight().get(o * in + i) * signal[i];
                        out[o] = s;
                    }
                    signal = out;
                    shape = new long[] {out.length};
                } else if (!(node instanceof Output)) {
                    throw new IllegalArgumentException(
                            "node " + name + " (" + node.type() + ") is not part of the reference");
                }
            }
        }
    }

    /** The nodes from the Input to the Output, each sending to exactly one. */
    private static List<String> chain(NirGraph g) {
        String at =
                g.nodes().entrySet().stream()
                        .filter(e -> e.getValue() instanceof Input)
                        .findFirst()
                        .orElseThrow()
                        .getKey();
        List<String> chain = new ArrayList<>(List.of(at));
        while (!(g.nodes().get(at) instanceof Output)) {
            String from = at;
            List<String> next =
                    g.edges().stream()
                            .filter(e -> e.source().equals(from))
                            .map(Edge::target)
                            .toList();
            if (next.size() != 1) throw new IllegalArgumentException(at + " sends to " + next);
            at = next.get(0);
            chain.add(at);
        }
        return chain;
    }

    private static double[] conv(Conv2d c, double[] in, long[] inShape, long[] outShape) {
        NdArray w = c.weight();
        int oc = w.dim(0), ic = w.dim(1), k = w.dim(2);
        int ih = (int) inShape[1],
                iw = (int) inShape[2],
                oh = (int) outShape[1],
                ow = (int) outShape[2];
        int stride = (int) c.stride().longs()[0], pad = (int) ((NdArray) c.padding()).longs()[0];
        double[] out = new double[oc * oh * ow];
        for (int o = 0; o < oc; o++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    double s = c.bias().get(o);
                    for (int ch = 0; ch < ic; ch++) {
                        for (int dy = 0; dy < k; dy++) {
                            int iy = y * stride + dy - pad;
                            if (iy < 0 || iy >= ih) continue;
                            for (int dx = 0; dx < k; dx++) {
                                int ix = xx * stride + dx - pad;
                                if (ix < 0 || ix >= iw) continue;
                                double a = in[(ch * ih + iy) * iw + ix];
                                if (a != 0) s += w.get(((o * ic + ch) * k + dy) * k + dx) * a;
                            }
                        }
                    }
                    out[(o * oh + y) * ow + xx] = s;
                }
            }
        }
        return out;
    }

    private static double[] pool(SumPool2d p, double[] in, long[] inShape, long[] outShape) {
        int k = (int) p.kernelSize().longs()[0], s = (int) p.stride().longs()[0];
        int ih = (int) inShape[1],
                iw = (int) inShape[2],
                oh = (int) outShape[1],
                ow = (int) outShape[2];
        double[] out = new double[(int) outShape[0] * oh * ow];
        for (int c = 0; c < outShape[0]; c++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double sum = 0;
                    for (int dy = 0; dy < k; dy++)
                        for (int dx = 0; dx < k; dx++)
                            sum += in[(c * ih + y * s + dy) * iw + x * s + dx];
                    out[(c * oh + y) * ow + x] = sum;
                }
            }
        }
        return out;
    }
}
