package dev.spikeforge.trainer.input;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.trainer.engine.StepBlocks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rate-codes batches of images into the engine's step-major input [T·B, inputs] through {@link RateEncoder}, so
 * each sample's spikes depend only on (seed, key) and match what the simulator and devices generate.
 * <p>Encoding costs about as much as a training step's forward pass, so with more than one thread the next batch
 * is encoded in the background ({@link #prepare}) while the caller computes the current one; {@link #deliver}
 * waits for it and copies it in. The result does not depend on the thread count.
 */
public final class RateBatchEncoder implements AutoCloseable {
    private final RateEncoder encoder;
    private final int inputs;
    private final ExecutorService worker;
    private final float[] image;
    private float[] buffer = new float[0];
    private Future<?> pending;
    private int pendingBatch = -1;

    public RateBatchEncoder(RateEncoder encoder, int inputs, int threads) {
        this.encoder = encoder;
        this.inputs = inputs;
        this.image = new float[inputs];
        this.worker = threads > 1 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spikeforge-encoder");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Encodes samples {@code indices[b]} with generator keys {@code keys[b]} into {@code input}, now. */
    public void encode(LabeledImages data, int[] indices, long[] keys, StepBlocks input) {
        prepare(data, indices, keys);
        deliver(input);
    }

    /** Starts encoding a batch (in the background when a worker thread is available). The arrays are copied. */
    public void prepare(LabeledImages data, int[] indices, long[] keys) {
        if (pending != null) throw new IllegalStateException("a prepared batch has not been delivered yet");
        int[] idx = indices.clone();
        long[] k = keys.clone();
        int size = encoder.steps() * idx.length * inputs;
        if (buffer.length != size) buffer = new float[size];
        pendingBatch = idx.length;
        Runnable job = () -> encodeAll(data, idx, k);
        if (worker == null) {
            job.run();
            pending = java.util.concurrent.CompletableFuture.completedFuture(null);
        } else {
            pending = worker.submit(job);
        }
    }

    /** Waits for the prepared batch and writes it into {@code input}. */
    public void deliver(StepBlocks input) {
        if (pending == null) throw new IllegalStateException("no batch was prepared");
        await(pending);
        pending = null;
        INDArray target = input.all();
        if (target.length() != buffer.length) {
            throw new IllegalArgumentException("input buffer holds " + target.length() + " values, the prepared batch of "
                    + pendingBatch + " has " + buffer.length);
        }
        if (target.dataType() == DataType.FLOAT && !target.isView()) {
            // One bulk copy into the native buffer (DataBuffer.setData goes element by element and is ~5× slower).
            target.data().asNioFloat().put(0, buffer);
        } else {
            target.assign(Nd4j.create(buffer, target.shape(), 'c').castTo(target.dataType()));
        }
    }

    private void encodeAll(LabeledImages data, int[] indices, long[] keys) {
        int stride = indices.length * inputs;
        for (int b = 0; b < indices.length; b++) {
            data.copyImage(indices[b], image, 0);
            encoder.encodeDense(keys[b], image, buffer, b * inputs, stride);
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("encoding failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (worker != null) worker.shutdownNow();
    }
}
