package dev.spikeforge.trainer.input;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.trainer.engine.LayerInput;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Encodes batches of images into the engine's input layout: step-major [T·B, width] (row t·B + b),
 * or [B, width] for a constant encoder.
 *
 * <p>Rate coding costs about as much as a training step's forward pass, so with more than one
 * thread a costly encoder runs in the background: {@link #prepare} starts the next batch while the
 * caller computes the current one, {@link #deliver} waits for it and copies it in. The result does
 * not depend on the thread count.
 */
public final class BatchEncoder implements AutoCloseable {
    private final SampleEncoder encoder;
    private final ExecutorService worker;
    private final float[] image, scratch;
    private final Augmentation augmentation;
    private final long augmentationSeed;
    private float[] buffer = new float[0];
    private Future<?> pending;
    private int pendingBatch = -1;

    public BatchEncoder(SampleEncoder encoder, int imagePixels, int threads) {
        this(encoder, imagePixels, threads, Augmentation.NONE, 0);
    }

    /**
     * With training-time augmentation of each image before encoding, chosen by (augmentationSeed,
     * key).
     */
    public BatchEncoder(
            SampleEncoder encoder,
            int imagePixels,
            int threads,
            Augmentation augmentation,
            long augmentationSeed) {
        this.encoder = encoder;
        this.image = new float[imagePixels];
        this.scratch = new float[imagePixels];
        this.augmentation = augmentation;
        this.augmentationSeed = augmentationSeed;
        this.worker =
                threads > 1 && encoder.costly()
                        ? Executors.newSingleThreadExecutor(
                                r -> {
                                    Thread t = new Thread(r, "spikeforge-encoder");
                                    t.setDaemon(true);
                                    return t;
                                })
                        : null;
    }

    /** True when encoding runs on its own thread (the math then gets one thread less). */
    public boolean background() {
        return worker != null;
    }

    public SampleEncoder encoder() {
        return encoder;
    }

    /** Encodes samples {@code indices[b]} with keys {@code keys[b]} into {@code input}, now. */
    public void encode(LabeledImages data, int[] indices, long[] keys, LayerInput input) {
        prepare(data, indices, keys);
        deliver(input);
    }

    /**
     * Starts encoding a batch (in the background when a worker thread is available). The arrays are
     * copied.
     */
    public void prepare(LabeledImages data, int[] indices, long[] keys) {
        if (pending != null)
            throw new IllegalStateException("a prepared batch has not been delivered yet");
        int[] idx = indices.clone();
        long[] k = keys.clone();
        int size = (encoder.constant() ? 1 : encoder.steps()) * idx.length * encoder.width();
        if (buffer.length != size) buffer = new float[size];
        pendingBatch = idx.length;
        Runnable job = () -> encodeAll(data, idx, k);
        if (worker == null) {
            job.run();
            pending = CompletableFuture.completedFuture(null);
        } else {
            pending = worker.submit(job);
        }
    }

    /** Waits for the prepared batch and writes it into {@code input}. */
    public void deliver(LayerInput input) {
        if (pending == null) throw new IllegalStateException("no batch was prepared");
        await(pending);
        pending = null;
        INDArray target = input.array();
        if (target.length() != buffer.length) {
            throw new IllegalArgumentException(
                    "input buffer holds "
                            + target.length()
                            + " values, the prepared batch of "
                            + pendingBatch
                            + " has "
                            + buffer.length);
        }
        if (target.dataType() == DataType.FLOAT && !target.isView()) {
            // One bulk copy into the native buffer (DataBuffer.setData goes element by element and
            // is several times slower).
            target.data().asNioFloat().put(0, buffer);
        } else {
            target.assign(Nd4j.create(buffer, target.shape(), 'c').castTo(target.dataType()));
        }
    }

    private void encodeAll(LabeledImages data, int[] indices, long[] keys) {
        int width = encoder.width(), stride = indices.length * width;
        for (int b = 0; b < indices.length; b++) {
            data.copyImage(indices[b], image, 0);
            augmentation.apply(augmentationSeed, keys[b], image, data.rows(), data.cols(), scratch);
            encoder.encode(keys[b], image, buffer, b * width, stride);
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
