package dev.spikeforge.trainer.engine;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.network.ConvLayer;
import dev.spikeforge.trainer.network.ConvShape;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.RecurrentLayer;

/**
 * The network semantics written the obvious way for one sample: {@link FloatLif#step} per layer and
 * step, plain Java loops for matmuls and convolutions, explicit windows for pooling, a layer with
 * several sources reading their sum, and every connection (recurrent ones too) delaying by one
 * step. Independent of the ND4J engine by construction.
 */
final class ScalarReference {
    /**
     * spikes[l][t][n] of spiking layer l; scores per the network's score mode; synaptic ops per the
     * counting rule.
     */
    record Run(boolean[][][] spikes, double[] scores, double synapticOps, long spikeCount) {}

    private final LifNetwork net;
    private final double[][][] weights, recurrent;
    private final double[][] convWeights, bias, fanOut, selfFanOut;

    /** Copies the network's parameters once; {@link #run} may then be called per sample. */
    ScalarReference(LifNetwork net) {
        this.net = net;
        int depth = net.depth();
        weights = new double[depth][][];
        recurrent = new double[depth][][];
        convWeights = new double[depth][];
        bias = new double[depth][];
        fanOut = new double[depth][];
        selfFanOut = new double[depth][];
        for (int l = 0; l < depth; l++) {
            Layer layer = net.layer(l);
            if (layer instanceof ConvLayer)
                convWeights[l] = layer.weights().dup('c').data().asDouble();
            else weights[l] = layer.weights().toDoubleMatrix();
            bias[l] = neuronBias(layer);
            fanOut[l] = fanOut(layer);
            if (layer instanceof RecurrentLayer r) {
                recurrent[l] = r.recurrent().toDoubleMatrix();
                selfFanOut[l] = columnNonZeros(recurrent[l]);
            }
        }
    }

    static Run run(LifNetwork net, double[][] input, boolean inputSpikes) {
        return new ScalarReference(net).run(input, inputSpikes);
    }

    /**
     * @param input values per step ([T][width]); {@code inputSpikes}: they are events that cost
     *     synaptic ops
     */
    Run run(double[][] input, boolean inputSpikes) {
        int depth = net.depth(), steps = input.length;
        double[][] u = new double[depth][], v = new double[depth][];
        double[][] previousOut = new double[depth][]; // what layer l sent on the step before
        boolean[][] previousSpikes = new boolean[depth][];
        for (int l = 0; l < depth; l++) {
            Layer layer = net.layer(l);
            u[l] = new double[layer.neurons()];
            v[l] = new double[layer.neurons()];
            previousOut[l] = new double[layer.outputSize()];
            previousSpikes[l] = new boolean[layer.neurons()];
        }
        int spiking = net.spikingLayers();
        boolean[][][] spikes = new boolean[spiking][steps][];
        double[] maxV = null, sumV = null, counts = new double[net.outputs()];
        double synOps = 0;
        long spikeCount = 0;
        double[] previousInput = new double[net.inputs()];
        for (int t = 0; t < steps; t++) {
            double[][] out = new double[depth][];
            boolean[][] now = new boolean[depth][];
            for (int l = 0; l < depth; l++) {
                Layer layer = net.layer(l);
                double[] source = new double[layer.inputSize()];
                for (int from : net.sourcesOf(l)) {
                    double[] o = from < 0 ? previousInput : previousOut[from];
                    for (int i = 0; i < source.length; i++) source[i] += o[i];
                }
                double[] a = drive(l, source);
                if (recurrent[l] != null) {
                    double[][] w = recurrent[l];
                    for (int n = 0; n < a.length; n++)
                        for (int m = 0; m < a.length; m++)
                            if (previousSpikes[l][m]) a[n] += w[n][m];
                }
                now[l] = new boolean[layer.neurons()];
                FloatLif neuron = layer.neuron().current();
                int fired = neuron.step(u[l], v[l], a, bias[l], layer.spiking(), now[l]);
                out[l] = output(layer, now[l]);
                if (layer.spiking()) {
                    spikeCount += fired;
                    spikes[l][t] = now[l];
                    if (selfFanOut[l] != null)
                        for (int n = 0; n < now[l].length; n++)
                            if (now[l][n]) synOps += selfFanOut[l][n];
                    for (int m : net.readersOf(l))
                        for (int j = 0; j < out[l].length; j++) synOps += out[l][j] * fanOut[m][j];
                }
            }
            Layer last = net.layer(depth - 1);
            if (last.spiking()) {
                for (int k = 0; k < counts.length; k++) if (now[depth - 1][k]) counts[k]++;
            } else {
                double[] vl = v[depth - 1];
                if (maxV == null) {
                    maxV = vl.clone();
                    sumV = vl.clone();
                } else {
                    for (int k = 0; k < vl.length; k++) {
                        maxV[k] = Math.max(maxV[k], vl[k]);
                        sumV[k] += vl[k];
                    }
                }
            }
            previousInput = input[t].clone();
            if (inputSpikes)
                for (int m : net.readersOf(-1))
                    for (int i = 0; i < previousInput.length; i++)
                        synOps += previousInput[i] * fanOut[m][i];
            previousOut = out;
            previousSpikes = now;
        }
        double[] scores;
        ScoreMode mode = net.score();
        if (mode == ScoreMode.SCORE_SPIKE_COUNT) scores = counts;
        else if (mode == ScoreMode.SCORE_MAX_POTENTIAL) scores = maxV;
        else if (mode == ScoreMode.SCORE_MEAN_POTENTIAL) {
            scores = sumV.clone();
            for (int k = 0; k < scores.length; k++) scores[k] /= steps;
        } else scores = v[depth - 1].clone();
        return new Run(spikes, scores, synOps, spikeCount);
    }

    private double[] drive(int l, double[] source) {
        Layer layer = net.layer(l);
        if (layer instanceof ConvLayer c) return conv(c, convWeights[l], source);
        double[][] w = weights[l];
        double[] a = new double[layer.neurons()];
        for (int n = 0; n < a.length; n++) {
            double s = 0;
            for (int i = 0; i < source.length; i++) s += w[n][i] * source[i];
            a[n] = s;
        }
        return a;
    }

    private static double[] conv(ConvLayer c, double[] w, double[] source) {
        ConvShape s = c.shape();
        int k = s.kernel(), p = s.padding(), st = s.stride(), oh = s.outHeight(), ow = s.outWidth();
        double[] a = new double[s.neurons()];
        for (int o = 0; o < s.outChannels(); o++)
            for (int y = 0; y < oh; y++)
                for (int x = 0; x < ow; x++) {
                    double sum = 0;
                    for (int ci = 0; ci < s.inChannels(); ci++)
                        for (int ky = 0; ky < k; ky++)
                            for (int kx = 0; kx < k; kx++) {
                                int iy = y * st + ky - p, ix = x * st + kx - p;
                                if (iy < 0 || iy >= s.inHeight() || ix < 0 || ix >= s.inWidth())
                                    continue;
                                sum +=
                                        w[((o * s.inChannels() + ci) * k + ky) * k + kx]
                                                * source[
                                                        (ci * s.inHeight() + iy) * s.inWidth()
                                                                + ix];
                            }
                    a[(o * oh + y) * ow + x] = sum;
                }
        return a;
    }

    /** The layer's output values: spikes as 0/1, summed over pooling windows for a conv layer. */
    private static double[] output(Layer layer, boolean[] z) {
        double[] out = new double[layer.outputSize()];
        if (layer instanceof ConvLayer c && c.shape().pool() > 1) {
            ConvShape s = c.shape();
            int p = s.pool(), oh = s.outHeight(), ow = s.outWidth();
            for (int ch = 0; ch < s.outChannels(); ch++)
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++) {
                        if (z[(ch * oh + y) * ow + x])
                            out[(ch * s.pooledHeight() + y / p) * s.pooledWidth() + x / p]++;
                    }
            return out;
        }
        if (layer.spiking()) for (int n = 0; n < z.length; n++) out[n] = z[n] ? 1 : 0;
        return out;
    }

    private static double[] neuronBias(Layer layer) {
        double[] b = layer.bias().dup('c').data().asDouble();
        if (!(layer instanceof ConvLayer c)) return b;
        int per = c.shape().outHeight() * c.shape().outWidth();
        double[] full = new double[layer.neurons()];
        for (int n = 0; n < full.length; n++) full[n] = b[n / per];
        return full;
    }

    /** Synapses driven per unit of each input position. */
    private static double[] fanOut(Layer layer) {
        if (!(layer instanceof ConvLayer c))
            return columnNonZeros(layer.weights().toDoubleMatrix());
        ConvShape s = c.shape();
        double[] w = c.weights().dup('c').data().asDouble();
        int k = s.kernel(), p = s.padding(), st = s.stride();
        double[] f = new double[s.inputSize()];
        for (int o = 0; o < s.outChannels(); o++)
            for (int y = 0; y < s.outHeight(); y++)
                for (int x = 0; x < s.outWidth(); x++)
                    for (int ci = 0; ci < s.inChannels(); ci++)
                        for (int ky = 0; ky < k; ky++)
                            for (int kx = 0; kx < k; kx++) {
                                int iy = y * st + ky - p, ix = x * st + kx - p;
                                if (iy < 0 || iy >= s.inHeight() || ix < 0 || ix >= s.inWidth())
                                    continue;
                                if (w[((o * s.inChannels() + ci) * k + ky) * k + kx] != 0)
                                    f[(ci * s.inHeight() + iy) * s.inWidth() + ix]++;
                            }
        return f;
    }

    private static double[] columnNonZeros(double[][] w) {
        double[] f = new double[w[0].length];
        for (double[] row : w) for (int i = 0; i < row.length; i++) if (row[i] != 0) f[i]++;
        return f;
    }
}
