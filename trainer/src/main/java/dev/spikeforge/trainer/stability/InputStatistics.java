package dev.spikeforge.trainer.stability;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.trainer.input.SampleEncoder;

/**
 * What a layer's inputs look like to the solver, per input value and step.
 *
 * @param mean μ_x
 * @param secondMoment E[x²] = σ_x² + μ_x²
 * @param staticSecondMoment E[m²], m = an input's mean over the steps of one sample: the part of
 *     E[x²] that stays put for a whole sample (all of it under direct encoding, E[p²] under rate
 *     coding)
 * @param source where the numbers come from, for the report
 */
public record InputStatistics(
        double mean, double secondMoment, double staticSecondMoment, String source) {

    public InputStatistics {
        if (!(secondMoment > 0))
            throw new IllegalArgumentException(
                    "input second moment must be > 0 (all-zero input?), got " + secondMoment);
        if (!(staticSecondMoment >= 0 && staticSecondMoment <= secondMoment * (1 + 1e-9))) {
            throw new IllegalArgumentException(
                    "static second moment must be in [0, E[x²]], got " + staticSecondMoment);
        }
    }

    public double variance() {
        return secondMoment - mean * mean;
    }

    /** Spikes with μ = 1/2, σ² = 1/4 (methods.md §2), their rate the same on every step. */
    public static InputStatistics spikes() {
        return new InputStatistics(0.5, 0.5, 0.25, "spikes (mu = 1/2, sigma^2 = 1/4)");
    }

    /** The sum of p² independent such spikes (a p × p sum-pooled conv output). */
    public static InputStatistics pooledSpikes(int pool) {
        if (pool == 1) return spikes();
        double n = (double) pool * pool;
        return new InputStatistics(
                n / 2,
                n / 4 + n * n / 4,
                n * n / 4,
                "sum of " + pool + "x" + pool + " pooled spikes (mu = 1/2, sigma^2 = 1/4 each)");
    }

    /**
     * Measured on the first {@code limit} samples of {@code data} as the encoder presents them (the
     * first layer's actual input: gain, encoding and steps included), with keys 0 … limit−1.
     */
    public static InputStatistics fromData(
            SampleEncoder encoder, LabeledImages data, int limit, String name) {
        int samples = Math.min(limit, data.size());
        if (samples < 1)
            throw new IllegalArgumentException("no samples to measure input statistics on");
        int width = encoder.width(), steps = encoder.constant() ? 1 : encoder.steps();
        float[] image = new float[data.rows() * data.cols()];
        float[] out = new float[steps * width];
        double sum = 0, sumSq = 0, staticSq = 0;
        for (int i = 0; i < samples; i++) {
            data.copyImage(i, image, 0);
            java.util.Arrays.fill(out, 0f);
            encoder.encode(i, image, out, 0, width);
            for (int k = 0; k < width; k++) {
                double m = 0;
                for (int t = 0; t < steps; t++) {
                    double x = out[t * width + k];
                    sum += x;
                    sumSq += x * x;
                    m += x;
                }
                m /= steps;
                staticSq += m * m;
            }
        }
        double cells = (double) samples * width;
        return new InputStatistics(
                sum / (cells * steps),
                sumSq / (cells * steps),
                staticSq / cells,
                name + " (" + samples + " samples as encoded)");
    }
}
