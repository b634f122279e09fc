package dev.spikeforge.compiler.validate;

import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.neuron.codec.NeuronCodec;
import java.util.List;

/**
 * The trained network run in float on event input, with the shared semantics ({@link FloatLif}: the
 * trained decays, one step of delay per connection, recurrent ones included, T = input steps). Its
 * scores are the readout's v after the last step, or spike counts when the last layer spikes. It
 * also counts every neuron's spikes, for measured rates.
 *
 * <p>A layer with several sources integrates W · Σ_s out_s[t−1], as the trainer defines it: each
 * source's spikes of the previous step through the same weights, a source read by pooling windows
 * adding each spike to its window's column (so the column receives the window's count).
 */
public final class FloatReference {
    private final List<FloatLayer> layers;
    private final FloatLif[] lif;
    private final float[][] columns; // per layer, [fanIn][size]: the weights a spiking source adds
    private final float[][] recurrentColumns; // per recurrent layer, [size][size]; null otherwise
    private final int[][] sourceOf; // per layer, the layers it reads (-1: the input)
    private final int[][][]
            columnOf; // per layer and source, each source neuron's column; null: neuron i is column
    // i
    private final long[][] spikeCounts;
    private long steps;

    public FloatReference(List<FloatLayer> layers) {
        this.layers = layers;
        int n = layers.size();
        lif = new FloatLif[n];
        columns = new float[n][];
        recurrentColumns = new float[n][];
        spikeCounts = new long[n][];
        sourceOf = new int[n][];
        columnOf = new int[n][][];
        for (int l = 0; l < n; l++) {
            FloatLayer d = layers.get(l);
            sourceOf[l] = d.sources().layers().clone();
            columnOf[l] = new int[sourceOf[l].length][];
            for (int k = 0; k < sourceOf[l].length; k++) columnOf[l][k] = d.sources().columns(k);
            Reset reset = NeuronCodec.reset(d.neuron().getReset());
            // A readout never compares, so any positive threshold will do for its FloatLif.
            double threshold = d.readout() ? 1 : d.neuron().getThreshold();
            lif[l] = new FloatLif(d.neuron().getDu(), d.neuron().getDv(), threshold, reset);
            float[] t = new float[d.weights().length];
            for (int k = 0; k < d.size(); k++)
                for (int i = 0; i < d.fanIn(); i++) t[i * d.size() + k] = d.weight(k, i);
            columns[l] = t;
            if (d.recurrent()) {
                float[] r = new float[d.size() * d.size()];
                for (int k = 0; k < d.size(); k++)
                    for (int m = 0; m < d.size(); m++)
                        r[m * d.size() + k] = d.recurrentWeights()[k * d.size() + m];
                recurrentColumns[l] = r;
            }
            spikeCounts[l] = new long[d.size()];
        }
        reset();
    }

    private double[][] u, v, bias, drive;
    private boolean[][] spikes, previous;
    private int[] previousInput = new int[0];

    /** Analog (DIRECT) input of the previous step, or null when the input is spikes. */
    private float[] previousValues;

    private double[] counts;

    /** Clears the state for a new sample. */
    public void reset() {
        int n = layers.size();
        u = new double[n][];
        v = new double[n][];
        bias = new double[n][];
        drive = new double[n][];
        spikes = new boolean[n][];
        previous = new boolean[n][];
        for (int l = 0; l < n; l++) {
            FloatLayer d = layers.get(l);
            u[l] = new double[d.size()];
            v[l] = new double[d.size()];
            drive[l] = new double[d.size()];
            spikes[l] = new boolean[d.size()];
            previous[l] = new boolean[d.size()];
            bias[l] = new double[d.size()];
            for (int k = 0; k < d.size(); k++) bias[l][k] = d.bias()[k];
        }
        previousInput = new int[0];
        previousValues = null;
        counts = new double[layers.get(n - 1).size()];
    }

    /** One step with the given input axons spiking; their spikes reach layer 0 on the next step. */
    public void step(int[] inputSpikes) {
        advance();
        previousInput = inputSpikes.clone();
        previousValues = null;
    }

    /**
     * One step of analog (DIRECT) input: value {@code values[i]} on axon i, reaching layer 0 on the
     * next step as the current values · W (what the trainer's direct encoding drives, the gain
     * already applied).
     */
    public void stepValues(float[] values) {
        advance();
        previousInput = new int[0];
        previousValues = values.clone();
    }

    private void advance() {
        int n = layers.size();
        for (int l = 0; l < n; l++) {
            FloatLayer d = layers.get(l);
            java.util.Arrays.fill(drive[l], 0);
            // One step of delay: the sources' spikes of the previous step.
            for (int k = 0; k < sourceOf[l].length; k++) {
                int[] col = columnOf[l][k];
                if (sourceOf[l][k] < 0) {
                    for (int i : previousInput)
                        addColumn(drive[l], columns[l], col == null ? i : col[i], d.size());
                    if (previousValues != null) {
                        for (int i = 0; i < previousValues.length; i++) {
                            if (previousValues[i] != 0)
                                addScaledColumn(
                                        drive[l],
                                        columns[l],
                                        col == null ? i : col[i],
                                        d.size(),
                                        previousValues[i]);
                        }
                    }
                } else {
                    boolean[] src = previous[sourceOf[l][k]];
                    for (int i = 0; i < src.length; i++)
                        if (src[i])
                            addColumn(drive[l], columns[l], col == null ? i : col[i], d.size());
                }
            }
            if (recurrentColumns[l] != null) {
                boolean[] own = previous[l];
                for (int m = 0; m < own.length; m++)
                    if (own[m]) addColumn(drive[l], recurrentColumns[l], m, d.size());
            }
            lif[l].step(u[l], v[l], drive[l], bias[l], !d.readout(), spikes[l]);
        }
        for (int l = 0; l < n; l++) {
            boolean[] s = spikes[l];
            for (int k = 0; k < s.length; k++) if (s[k]) spikeCounts[l][k]++;
            System.arraycopy(s, 0, previous[l], 0, s.length);
        }
        boolean[] last = spikes[n - 1];
        for (int k = 0; k < last.length; k++) if (last[k]) counts[k]++;
        steps++;
    }

    /** Spikes of layer l on the last step (live view). */
    public boolean[] spikes(int l) {
        return spikes[l];
    }

    /** Membrane potentials of layer l (live view). */
    public double[] voltages(int l) {
        return v[l];
    }

    /** Class scores so far: the readout's v, or the last layer's spike counts. */
    public double[] scores() {
        int n = layers.size();
        return layers.get(n - 1).readout() ? v[n - 1].clone() : counts.clone();
    }

    /** Runs one sample for {@code steps} steps; returns the class scores. */
    public double[] run(SpikeTrain input, int steps) {
        reset();
        int[] none = new int[0];
        for (int t = 0; t < steps; t++) step(t < input.steps() ? input.spikesPerStep()[t] : none);
        return scores();
    }

    /**
     * Runs one sample of analog input, the same {@code values} on each of {@code steps} steps;
     * returns the class scores.
     */
    public double[] runValues(float[] values, int steps) {
        reset();
        for (int t = 0; t < steps; t++) stepValues(values);
        return scores();
    }

    private static void addScaledColumn(
            double[] drive, float[] columns, int source, int size, double x) {
        int base = source * size;
        for (int k = 0; k < size; k++) drive[k] += x * columns[base + k];
    }

    private static void addColumn(double[] drive, float[] columns, int source, int size) {
        int base = source * size;
        for (int k = 0; k < size; k++) drive[k] += columns[base + k];
    }

    /** Spikes per step of every neuron over all runs so far (per layer). */
    public double[][] rates() {
        double[][] r = new double[spikeCounts.length][];
        for (int l = 0; l < r.length; l++) {
            r[l] = new double[spikeCounts[l].length];
            for (int k = 0; k < r[l].length; k++)
                r[l][k] = steps == 0 ? 0 : spikeCounts[l][k] / (double) steps;
        }
        return r;
    }

    /** argmax, lowest index on ties (as the simulator's SampleResult). */
    public static int argmax(double[] s) {
        int best = 0;
        for (int i = 1; i < s.length; i++) if (s[i] > s[best]) best = i;
        return best;
    }
}
