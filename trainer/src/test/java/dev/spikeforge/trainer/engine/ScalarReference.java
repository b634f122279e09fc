package dev.spikeforge.trainer.engine;

import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.trainer.network.LifLayer;
import dev.spikeforge.trainer.network.LifNetwork;

/**
 * The network semantics written the obvious way for one sample: {@link FloatLif#step} per layer and step, plain
 * Java matmuls, and every connection delaying by one step. Independent of the ND4J engine by construction.
 */
final class ScalarReference {
    /** spikes[l][t][n] of hidden layer l; scores = readout v after the last step; synapticOps per the artifact rule. */
    record Run(boolean[][][] spikes, double[] scores, long synapticOps, long hiddenSpikes) {}

    static Run run(LifNetwork net, SpikeTrain input) {
        int depth = net.depth(), steps = input.steps();
        double[][][] w = new double[depth][][];
        double[][] bias = new double[depth][];
        double[][] u = new double[depth][], v = new double[depth][];
        boolean[][] previous = new boolean[depth][];   // spikes of layer l on the step before
        long[][] fanOut = new long[depth][];
        for (int l = 0; l < depth; l++) {
            LifLayer layer = net.layer(l);
            w[l] = layer.weights().toDoubleMatrix();
            bias[l] = layer.bias().toDoubleVector();
            u[l] = new double[layer.size()];
            v[l] = new double[layer.size()];
            previous[l] = new boolean[layer.size()];
            fanOut[l] = new long[layer.fanIn()];
            for (double[] row : w[l]) for (int i = 0; i < row.length; i++) if (row[i] != 0) fanOut[l][i]++;
        }
        boolean[][][] hiddenSpikes = new boolean[depth - 1][steps][];
        boolean[] previousInput = new boolean[net.inputs()];
        long synOps = 0, spikeCount = 0;
        for (int t = 0; t < steps; t++) {
            boolean[][] now = new boolean[depth][];
            for (int l = 0; l < depth; l++) {
                LifLayer layer = net.layer(l);
                boolean[] source = l == 0 ? previousInput : previous[l - 1];
                double[] a = new double[layer.size()];
                for (int n = 0; n < a.length; n++) {
                    double sum = 0;
                    for (int i = 0; i < source.length; i++) if (source[i]) sum += w[l][n][i];
                    a[n] = sum;
                }
                now[l] = new boolean[layer.size()];
                int fired = layer.neuron().step(u[l], v[l], a, bias[l], !layer.readout(), now[l]);
                if (!layer.readout()) {
                    spikeCount += fired;
                    hiddenSpikes[l][t] = now[l];
                    for (int n = 0; n < now[l].length; n++) if (now[l][n]) synOps += fanOut[l + 1][n];
                }
            }
            previousInput = new boolean[net.inputs()];
            for (int i : input.spikesPerStep()[t]) {
                previousInput[i] = true;
                synOps += fanOut[0][i];
            }
            previous = now;
        }
        return new Run(hiddenSpikes, v[depth - 1].clone(), synOps, spikeCount);
    }
}
