package dev.spikeforge.trainer.adapt;

import dev.spikeforge.trainer.surrogate.Surrogate;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What one epoch's pre-reset membrane potentials looked like, per spiking layer: chi (exact,
 * counted on every neuron-step) and the quartiles of v (from a strided sample of each batch, {@link
 * #SAMPLE_PER_BATCH} values, so an epoch keeps some 10⁵ numbers per layer instead of every
 * potential).
 */
public final class PotentialMonitor {
    public static final int SAMPLE_PER_BATCH = 512;
    private final long[] active, total;
    private final float[][] samples;
    private final int[] sampled;
    private final double tolerance;

    /**
     * @param tolerance chi's tolerance relative to the surrogate's peak (see {@link Chi})
     */
    public PotentialMonitor(int layers, double tolerance) {
        this.tolerance = Chi.checkTolerance(tolerance);
        active = new long[layers];
        total = new long[layers];
        samples = new float[layers][SAMPLE_PER_BATCH * 16];
        sampled = new int[layers];
    }

    public void reset() {
        Arrays.fill(active, 0);
        Arrays.fill(total, 0);
        Arrays.fill(sampled, 0);
    }

    /**
     * @param v layer l's pre-reset potentials of the steps that ran, [T·B, n] (contiguous)
     * @param batch 0-based batch number, which varies the sample's offset
     */
    public void observe(int l, INDArray v, double threshold, Surrogate surrogate, int batch) {
        active[l] += Chi.activeCount(v, threshold, surrogate, tolerance);
        total[l] += v.length();
        sample(l, v, batch);
    }

    private void sample(int l, INDArray v, int batch) {
        long len = v.length();
        int width = (int) v.columns();
        long stride = Math.max(1, len / SAMPLE_PER_BATCH);
        // A stride sharing no factor with the row width visits every neuron, not the same few
        // columns.
        while (stride > 1 && gcd(stride, width) != 1) stride++;
        long offset = batch % stride;
        java.nio.FloatBuffer data = Chi.contiguousFloats(v);
        if (data != null) {
            int n = (int) ((len - offset + stride - 1) / stride),
                    base = (int) (v.offset() + offset);
            ensure(l, n);
            for (int k = 0; k < n; k++)
                samples[l][sampled[l]++] = data.get(base + (int) (k * stride));
            return;
        }
        INDArray flat = v.reshape(len);
        double[] values =
                flat.get(NDArrayIndex.interval(offset, stride, len))
                        .castTo(DataType.DOUBLE)
                        .dup()
                        .data()
                        .asDouble();
        ensure(l, values.length);
        for (double x : values) samples[l][sampled[l]++] = (float) x;
    }

    private void ensure(int l, int more) {
        if (sampled[l] + more > samples[l].length)
            samples[l] =
                    Arrays.copyOf(samples[l], Math.max(2 * samples[l].length, sampled[l] + more));
    }

    /** chi of layer l over the epoch so far (NaN before any batch). */
    public double chi(int l) {
        return total[l] == 0 ? Double.NaN : active[l] / (double) total[l];
    }

    /**
     * {Q1, median, Q3} of layer l's sampled potentials (linear interpolation between order
     * statistics).
     */
    public double[] quartiles(int l) {
        float[] s = Arrays.copyOf(samples[l], sampled[l]);
        if (s.length == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        Arrays.sort(s);
        return new double[] {quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75)};
    }

    static double quantile(float[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
