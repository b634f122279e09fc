package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A step-major [T·B, n] array (row t·B + b holds sample b at step t) with its views made once: one
 * [B, n] block per step, plus the first and last T−1 steps, which is what the one-step delay pairs
 * up in the big matmuls. Row blocks of a C-order array are contiguous, so these views are cheap and
 * valid BLAS operands.
 */
public final class StepBlocks {
    private final INDArray all;
    private final INDArray[] at;
    private final INDArray head;
    private final INDArray tail;
    private final int steps, batch;
    private StepBlocks[] prefixes;

    public StepBlocks(INDArray all, int steps, int batch) {
        if (all.rows() != (long) steps * batch)
            throw new IllegalArgumentException(
                    "expected " + steps * batch + " rows, got " + all.rows());
        this.all = all;
        this.steps = steps;
        this.batch = batch;
        this.at = new INDArray[steps];
        for (int t = 0; t < steps; t++) at[t] = rows(all, (long) t * batch, (long) (t + 1) * batch);
        this.head = steps > 1 ? rows(all, 0, (long) (steps - 1) * batch) : null;
        this.tail = steps > 1 ? rows(all, batch, (long) steps * batch) : null;
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    public INDArray all() {
        return all;
    }

    /** The [B, n] block of step t. */
    public INDArray at(int t) {
        return at[t];
    }

    /** Steps 0 … T−2: the values that are delivered one step later. */
    public INDArray head() {
        return head;
    }

    /** Steps 1 … T−1: the steps that receive delivered input. */
    public INDArray tail() {
        return tail;
    }

    public int steps() {
        return steps;
    }

    /** The same array restricted to steps 0 … n−1 (views, made once per n). */
    public StepBlocks prefix(int n) {
        if (n == steps) return this;
        if (n < 2 || n > steps)
            throw new IllegalArgumentException("prefix of " + n + " steps out of " + steps);
        if (prefixes == null) prefixes = new StepBlocks[steps];
        if (prefixes[n] == null)
            prefixes[n] = new StepBlocks(rows(all, 0, (long) n * batch), n, batch);
        return prefixes[n];
    }

    public int batch() {
        return batch;
    }

    /** Values per sample and step. */
    public int width() {
        return (int) all.columns();
    }
}
