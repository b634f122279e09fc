package dev.spikeforge.trainer.loss;

/**
 * Softmax cross-entropy on {@code scale × score}, averaged over the batch. The readout score is a
 * sum over T steps, so its magnitude grows with T and with the weights; the fixed scale sets how
 * sharp the softmax is at a given score and is recorded so the loss values stay comparable.
 */
public record SoftmaxCrossEntropy(double scale) implements LossTerm {

    public SoftmaxCrossEntropy {
        if (!(scale > 0))
            throw new IllegalArgumentException("loss scale must be > 0, got " + scale);
    }

    @Override
    public double accumulate(LossContext c) {
        double[][] s = c.scores();
        int batch = s.length;
        double[][] grad = new double[batch][];
        double total = 0;
        for (int b = 0; b < batch; b++) {
            double[] row = s[b];
            double max = Double.NEGATIVE_INFINITY;
            for (double x : row) max = Math.max(max, scale * x);
            double sum = 0;
            double[] p = new double[row.length];
            for (int k = 0; k < row.length; k++) sum += p[k] = Math.exp(scale * row[k] - max);
            int y = c.label(b);
            total += Math.log(sum) - (scale * row[y] - max);
            for (int k = 0; k < row.length; k++)
                p[k] = scale * (p[k] / sum - (k == y ? 1 : 0)) / batch;
            grad[b] = p;
        }
        c.addScoreGradient(grad);
        return total / batch;
    }

    @Override
    public String describe() {
        return "softmax-cross-entropy(scale=" + scale + ")";
    }
}
