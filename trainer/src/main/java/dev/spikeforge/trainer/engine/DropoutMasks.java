package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dropout on the outputs of the hidden layers during training: what layer l + 1 reads is layer l's
 * output times a mask m/(1 − P), m ~ Bernoulli(1 − P) per sample and output unit, the same mask on
 * every step of the sample, so a dropped neuron is silent for the whole sample. The layer's own
 * spikes (its reset, surrogate, rates, regularisers) are untouched: the masked copy lives in {@link
 * LayerBuffers#next()}, which exists only in a workspace made with dropout. Masks are allocated
 * once per workspace and refilled per batch from a seed by ND4J random ops, so a run (and a resumed
 * one) draws the same masks.
 */
public final class DropoutMasks {
    private final double p, scale;
    private final INDArray[] masks; // [B, outputs] per hidden layer
    private final INDArray[] rows; // the same as [1, B·outputs], the operand broadcast over steps
    private final Random random;

    /**
     * @param ws a workspace made with dropout buffers; @param p the drop probability, 0 < p < 1
     */
    public DropoutMasks(BatchWorkspace ws, double p) {
        if (!(p > 0 && p < 1))
            throw new IllegalArgumentException("dropout probability must be in (0, 1), got " + p);
        this.p = p;
        this.scale = 1 / (1 - p);
        int hidden = ws.network().hiddenLayers();
        this.masks = new INDArray[hidden];
        this.rows = new INDArray[hidden];
        for (int l = 0; l < hidden; l++) {
            LayerBuffers b = ws.layer(l);
            if (!b.dropsOut())
                throw new IllegalArgumentException(
                        "layer " + l + " of the workspace has no dropout buffer");
            masks[l] = Nd4j.ones(b.potential().all().dataType(), ws.batch(), b.next().width());
            rows[l] = masks[l].reshape(1, masks[l].length());
        }
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(0);
    }

    public double probability() {
        return p;
    }

    public int layers() {
        return masks.length;
    }

    /**
     * Draws layer l's mask for the next batch from {@code seed} (the same seed gives the same
     * mask).
     */
    public void refill(int l, long seed) {
        random.setSeed(seed);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(masks[l], 1 - p), random);
        masks[l].muli(scale);
    }

    /**
     * Layer l's current mask, [B, outputs], already scaled by 1/(1 − P). Tests may assign a fixed
     * one.
     */
    public INDArray mask(int l) {
        return masks[l];
    }

    /** out[t] = in[t] ⊙ mask for every step t: one broadcast op over the [steps, B·n] view. */
    void apply(int l, StepBlocks in, StepBlocks out) {
        Nd4j.getExecutioner().exec(new BroadcastMulOp(byStep(in), rows[l], byStep(out), 1));
    }

    private static INDArray byStep(StepBlocks x) {
        return DenseSynapses.byStep(x.all(), x.steps());
    }
}
