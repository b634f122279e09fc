package dev.spikeforge.trainer.loss;

import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.StepBlocks;

/**
 * What a {@link LossTerm} sees of one batch after the forward pass, and where it adds its gradient.
 * Gradients are accumulated (several terms may contribute) into buffers the backward pass reads.
 */
public final class LossContext {
    private final BatchWorkspace ws;
    private final int[] labels;
    private double[][] scores;

    public LossContext(BatchWorkspace ws, int[] labels) {
        if (labels.length != ws.batch())
            throw new IllegalArgumentException(
                    labels.length + " labels for a batch of " + ws.batch());
        this.ws = ws;
        this.labels = labels;
    }

    public int batch() {
        return ws.batch();
    }

    public int steps() {
        return ws.steps();
    }

    public int label(int b) {
        return labels[b];
    }

    /**
     * Class scores [B][classes] (see {@link dev.spikeforge.trainer.engine.ScoreReadout}), read once
     * and shared.
     */
    public double[][] scores() {
        if (scores == null) scores = ws.scores().scores();
        return scores;
    }

    /** Adds dL/dscore ([B][classes]). */
    public void addScoreGradient(double[][] gradient) {
        ws.scores().addGradient(gradient);
    }

    /** Spiking layers before the output layer. */
    public int hiddenLayers() {
        return ws.depth() - 1;
    }

    /** Spikes of hidden layer l, [T·B, neurons] step-major. */
    public StepBlocks spikes(int l) {
        checkHidden(l);
        return ws.layer(l).spikes();
    }

    /** dL/dz of hidden layer l, same layout as {@link #spikes}; add into it. */
    public StepBlocks spikeGradient(int l) {
        checkHidden(l);
        return ws.layer(l).gradForLoss();
    }

    private void checkHidden(int l) {
        if (l < 0 || l >= hiddenLayers())
            throw new IndexOutOfBoundsException("hidden layer " + l + " of " + hiddenLayers());
    }
}
