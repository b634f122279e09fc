package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-layer arrays of one batch, allocated once and reused for every batch of the same size.
 * <ul>
 *   <li>{@code potential}: filled with the drive u + b, then turned in place into the pre-reset potential ṽ[t]
 *       (for the readout: v[t]); the backward pass needs nothing else of the forward state besides the spikes.</li>
 *   <li>{@code spikes}: z[t] (hidden layers only).</li>
 *   <li>{@code grad}, {@code scratch}: backward only, allocated on first use.</li>
 * </ul>
 */
public final class LayerBuffers {
    private final DataType type;
    private final int steps, batch, size;
    private final boolean readout;
    private final StepBlocks potential;
    private final StepBlocks spikes;
    private final INDArray vPost;
    private final INDArray keep;
    private StepBlocks grad;
    private StepBlocks scratch;
    private INDArray stepScratch;

    LayerBuffers(DataType type, int steps, int batch, int size, boolean readout) {
        this.type = type;
        this.steps = steps;
        this.batch = batch;
        this.size = size;
        this.readout = readout;
        this.potential = blocks();
        this.spikes = readout ? null : blocks();
        this.vPost = Nd4j.create(type, batch, size);
        this.keep = Nd4j.create(type, batch, size);
    }

    private StepBlocks blocks() {
        return new StepBlocks(Nd4j.create(type, (long) steps * batch, size), steps, batch);
    }

    public StepBlocks potential() {
        return potential;
    }

    /** Spikes z[t] as 0/1 (smooth values in the test-only smooth mode); null for the readout. */
    public StepBlocks spikes() {
        return spikes;
    }

    /** Membrane potential after reset of the current step, carried to the next. */
    INDArray vPost() {
        return vPost;
    }

    INDArray keep() {
        return keep;
    }

    /** dL/dz[t] for hidden layers (dL/dv[t] for the readout) on entry to the backward pass; then reused. */
    public StepBlocks grad() {
        if (grad == null) grad = blocks();
        return grad;
    }

    StepBlocks scratch() {
        if (scratch == null) scratch = blocks();
        return scratch;
    }

    INDArray stepScratch() {
        if (stepScratch == null) stepScratch = Nd4j.create(type, batch, size);
        return stepScratch;
    }

    public int size() {
        return size;
    }

    public boolean readout() {
        return readout;
    }
}
