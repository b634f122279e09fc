package dev.spikeforge.nir.paper;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;

/**
 * Spikeforge's float model ({@link FloatLif}, the reference the trainer is held to) run over a
 * chain of dense and recurrent layers, with every connection's one-step delay: the spikes and
 * voltages of every layer on every step.
 */
final class FloatChain {
    /** spikes[layer][t][n], voltages[layer][t][n] (after the step's reset). */
    record Run(boolean[][][] spikes, double[][][] voltages) {
        int count(int layer, int neuron) {
            int c = 0;
            for (boolean[] s : spikes[layer]) if (s[neuron]) c++;
            return c;
        }
    }

    private FloatChain() {}

    static Run run(TrainedNetwork net, boolean[][] input) {
        int steps = input.length, layers = net.getLayersCount();
        boolean[][][] spikes = new boolean[layers][steps][];
        double[][][] volts = new double[layers][steps][];
        double[][] u = new double[layers][], v = new double[layers][];
        for (int l = 0; l < layers; l++) {
            u[l] = new double[net.getLayers(l).getSize()];
            v[l] = new double[net.getLayers(l).getSize()];
        }
        for (int t = 0; t < steps; t++) {
            for (int l = 0; l < layers; l++) {
                TrainedLayer layer = net.getLayers(l);
                int size = layer.getSize();
                boolean[] pre = t == 0 ? null : l == 0 ? input[t - 1] : spikes[l - 1][t - 1];
                double[] a = new double[size];
                int fanIn = layer.getWeights().getShape(1);
                if (pre != null) {
                    for (int n = 0; n < size; n++)
                        for (int i = 0; i < fanIn; i++)
                            if (pre[i]) a[n] += layer.getWeights().getValues(n * fanIn + i);
                }
                if (layer.getKind() == LayerKind.RECURRENT_LIF && t > 0) {
                    for (int n = 0; n < size; n++)
                        for (int m = 0; m < size; m++)
                            if (spikes[l][t - 1][m])
                                a[n] += layer.getRecurrentWeights().getValues(n * size + m);
                }
                double[] bias = null;
                if (layer.getBias().getValuesCount() > 0) {
                    bias = new double[size];
                    for (int n = 0; n < size; n++) bias[n] = layer.getBias().getValues(n);
                }
                FloatLif lif =
                        new FloatLif(
                                layer.getNeuron().getDu(),
                                layer.getNeuron().getDv(),
                                layer.getNeuron().getThreshold(),
                                layer.getNeuron().getReset() == ResetMode.RESET_BY_SUBTRACTION
                                        ? Reset.BY_SUBTRACTION
                                        : Reset.TO_ZERO);
                spikes[l][t] = new boolean[size];
                lif.step(u[l], v[l], a, bias, layer.getKind() != LayerKind.READOUT, spikes[l][t]);
                volts[l][t] = v[l].clone();
            }
        }
        return new Run(spikes, volts);
    }
}
