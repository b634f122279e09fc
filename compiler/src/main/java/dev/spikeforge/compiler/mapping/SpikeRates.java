package dev.spikeforge.compiler.mapping;

/**
 * Expected spikes per step, used to weigh routes when placing cores: per neuron of every layer, and
 * for the host input as a whole.
 *
 * @param perNeuron per layer, per neuron rates (measured on sample data); null for that layer:
 *     uniform
 * @param perLayer per layer, the rate of each of its neurons when not measured
 * @param hostRate input spikes per step, all axons together
 * @param source where the figures came from, for the report
 */
public record SpikeRates(double[][] perNeuron, double[] perLayer, double hostRate, String source) {

    /** The same rate for every neuron of every layer. */
    public static SpikeRates uniform(int layers, double rate, double hostRate, String source) {
        double[] r = new double[layers];
        java.util.Arrays.fill(r, rate);
        return new SpikeRates(new double[layers][], r, hostRate, source);
    }

    /** Expected spikes per step of neurons [begin, end) of layer l. */
    public double range(int l, int begin, int end) {
        double[] m = perNeuron[l];
        if (m == null) return perLayer[l] * (end - begin);
        double s = 0;
        for (int n = begin; n < end; n++) s += m[n];
        return s;
    }
}
