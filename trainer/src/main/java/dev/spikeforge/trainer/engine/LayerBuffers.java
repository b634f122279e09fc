package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-layer arrays of one batch, allocated once and reused for every batch of the same size.
 *
 * <ul>
 *   <li>{@code potential}: filled with the synaptic drive, then turned in place into the pre-reset
 *       potential ṽ[t] (readout: v[t]); with the spikes it is all the backward pass needs of the
 *       forward state.
 *   <li>{@code spikes}: z[t] (spiking layers only); {@code output}: what the next layer reads (the
 *       spikes, or their sum-pooled map).
 *   <li>{@code grad}: dL/dz on entry to the backward pass (readout: dL/dv), then reused; {@code
 *       outputGrad}: where the next layer puts dL/d(output) when that differs from the spikes.
 *   <li>scratch arrays: backward only, allocated on first use.
 *   <li>with dropout, {@code dropped}: the output times the layer's dropout mask, what the next
 *       layer then reads, and {@code droppedGrad}, where the next layer puts dL/d(dropped); the
 *       spikes stay the layer's own.
 * </ul>
 */
public final class LayerBuffers {
    private final DataType type;
    private final int steps, batch, size, outputSize;
    private final StepBlocks potential, spikes, output, dropped;
    private final INDArray vPost, keep;
    private StepBlocks grad, outputGrad, droppedGrad;
    private final StepBlocks[] scratch = new StepBlocks[3];
    private final INDArray[] stepScratch;
    private final LayerBuffers
            whole; // null for the whole set; else the buffers this one is a prefix of
    private LayerBuffers[] prefixes;

    /**
     * A pooled layer's grad is not cleared before backward: its pool writes it, unless a loss term
     * asked for it first.
     */
    private boolean gradStale;

    LayerBuffers(DataType type, int steps, int batch, int size, boolean spiking, int outputSize) {
        this(type, steps, batch, size, spiking, outputSize, false);
    }

    /**
     * @param dropout the next layer reads a masked copy of the output (a hidden spiking layer under
     *     dropout)
     */
    LayerBuffers(
            DataType type,
            int steps,
            int batch,
            int size,
            boolean spiking,
            int outputSize,
            boolean dropout) {
        this.type = type;
        this.steps = steps;
        this.batch = batch;
        this.size = size;
        this.outputSize = outputSize;
        this.potential = blocks(size);
        this.spikes = spiking ? blocks(size) : null;
        this.output = spiking && outputSize != size ? blocks(outputSize) : spikes;
        this.dropped = dropout && spiking ? blocks(outputSize) : null;
        this.vPost = Nd4j.create(type, batch, size);
        this.keep = Nd4j.create(type, batch, size);
        this.stepScratch = new INDArray[2];
        this.whole = null;
    }

    /**
     * Steps 0 … n−1 of {@code w}: every step-major array a prefix view of w's, the per-step arrays
     * shared.
     */
    private LayerBuffers(LayerBuffers w, int n) {
        this.type = w.type;
        this.steps = n;
        this.batch = w.batch;
        this.size = w.size;
        this.outputSize = w.outputSize;
        this.potential = w.potential.prefix(n);
        this.spikes = w.spikes == null ? null : w.spikes.prefix(n);
        this.output = w.output == null ? null : w.output.prefix(n);
        this.dropped = w.dropped == null ? null : w.dropped.prefix(n);
        this.vPost = w.vPost;
        this.keep = w.keep;
        this.stepScratch = w.stepScratch;
        this.whole = w;
    }

    /** The same buffers restricted to the first n steps (made once per n). */
    LayerBuffers prefix(int n) {
        if (n == steps) return this;
        if (prefixes == null) prefixes = new LayerBuffers[steps];
        if (prefixes[n] == null) prefixes[n] = new LayerBuffers(this, n);
        return prefixes[n];
    }

    private StepBlocks blocks(int width) {
        return new StepBlocks(Nd4j.create(type, (long) steps * batch, width), steps, batch);
    }

    public StepBlocks potential() {
        return potential;
    }

    /** Spikes z[t] as 0/1 (smooth values in the test-only smooth mode); null for the readout. */
    public StepBlocks spikes() {
        return spikes;
    }

    /**
     * The layer's output: the spikes themselves unless the layer pools them; what the next layer
     * reads without dropout.
     */
    public StepBlocks output() {
        return output;
    }

    /** What the next layer reads: the output, or under dropout its masked copy. */
    public StepBlocks next() {
        return dropped != null ? dropped : output;
    }

    /**
     * The next layer reads a dropout-masked copy of the output (a plain copy when a pass runs
     * without masks).
     */
    public boolean dropsOut() {
        return dropped != null;
    }

    public boolean pooled() {
        return output != spikes;
    }

    /** Membrane potential after reset of the current step, carried to the next. */
    INDArray vPost() {
        return vPost;
    }

    INDArray keep() {
        return keep;
    }

    /**
     * dL/dz[t] for spiking layers (dL/dv[t] for the readout) on entry to the backward pass; then
     * reused.
     */
    public StepBlocks grad() {
        if (grad == null) grad = whole != null ? whole.grad().prefix(steps) : blocks(size);
        return grad;
    }

    /**
     * Before a backward pass: every gradient the layer's readers and the loss terms add into is
     * zeroed. A pooled layer's grad (its largest array) is not: the pool's backward pass writes it,
     * unless a loss term took it first ({@link #gradForLoss()}).
     */
    void clearGradients() {
        if (pooled()) {
            outputGrad().all().assign(0);
            gradStale = true;
        } else {
            grad().all().assign(0);
        }
        if (dropsOut()) nextGrad().all().assign(0);
    }

    /** dL/dz for loss terms to add into (zeroed first if the clearing left it stale). */
    public StepBlocks gradForLoss() {
        if (whole != null) return whole.gradForLoss().prefix(steps);
        if (gradStale) {
            grad().all().assign(0);
            gradStale = false;
        }
        return grad();
    }

    /**
     * True when grad holds nothing of this batch yet: the pool's backward then writes instead of
     * adding.
     */
    boolean gradStale() {
        return whole != null ? whole.gradStale() : gradStale;
    }

    /** dL/d(output): the grad itself unless the layer pools its spikes. */
    public StepBlocks outputGrad() {
        if (!pooled()) return grad();
        if (outputGrad == null)
            outputGrad = whole != null ? whole.outputGrad().prefix(steps) : blocks(outputSize);
        return outputGrad;
    }

    /**
     * Where the next layer puts dL/d(next()): outputGrad itself, or under dropout its own array.
     */
    public StepBlocks nextGrad() {
        if (dropped == null) return outputGrad();
        if (droppedGrad == null)
            droppedGrad = whole != null ? whole.nextGrad().prefix(steps) : blocks(outputSize);
        return droppedGrad;
    }

    /** Backward-only [T·B, size] arrays, i = 0, 1, 2. */
    StepBlocks scratch(int i) {
        if (scratch[i] == null)
            scratch[i] = whole != null ? whole.scratch(i).prefix(steps) : blocks(size);
        return scratch[i];
    }

    /** [B, size] arrays for per-step temporaries, i = 0, 1. */
    INDArray stepScratch(int i) {
        if (stepScratch[i] == null) stepScratch[i] = Nd4j.create(type, batch, size);
        return stepScratch[i];
    }

    public int size() {
        return size;
    }

    public int steps() {
        return steps;
    }

    public int batch() {
        return batch;
    }
}
