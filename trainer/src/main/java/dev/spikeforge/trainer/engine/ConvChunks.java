package dev.spikeforge.trainer.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dev.spikeforge.trainer.network.ConvShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * The convolution of a fixed number of images, cut into chunks of n images whose columns fill about
 * {@link #CHUNK_FLOATS} floats (n·C·k²·oH·oW), so that a chunk's im2col, GEMMs and col2im run in
 * cache, and the chunks dealt round-robin to parts that run on the {@link KernelThreads}. Every
 * chunk keeps its columns for the backward pass (C·k²·oH·oW floats per image and step: 115 MB for
 * 16 → 32 channels on 14 × 14 at T·B = 1024); the drive and dL/d(columns) are scratch of each part,
 * per chunk size. The layout work around the GEMMs (im2col, col2im, NCHW ↔ channel-major) is {@link
 * ConvPlanes}' for float; double (the gradient checks) keeps ND4J's form: a zero-padded
 * channel-major copy per chunk, one strided copy per kernel offset, and a col2im that copies each
 * offset's block into its window of a zero-padded layer of its own and sums the k² layers with one
 * GEMV (strided adds are much slower than strided copies in ND4J; docs/benchmarks.md, "Engine
 * design measurements"). All views are made once.
 */
final class ConvChunks {
    /** 2 MB of floats: the L2 of a core here. */
    static final long CHUNK_FLOATS = Long.getLong("spikeforge.convChunkFloats", 1L << 19);

    private final ConvShape shape;
    private final INDArray weightMatrix;
    private final int kk, parts;
    private final long images, perChunk;
    private final Chunk[] chunks;
    private final INDArray[] weightGrads; // per part [O, C·k²], summed over its chunks
    private final ConvPlanes
            planes; // float: the layout work in Java; null: ND4J's strided copies (double)

    ConvChunks(ConvShape shape, INDArray weightMatrix, long images) {
        this(shape, weightMatrix, images, CHUNK_FLOATS, KernelThreads.threads());
    }

    /**
     * @param chunkFloats columns per chunk (at least one image per chunk)
     * @param parts chunk i belongs to part i mod parts; the parts run on the kernel threads, each
     *     with scratch and a weight-gradient sum of its own, added in part order
     */
    ConvChunks(ConvShape shape, INDArray weightMatrix, long images, long chunkFloats, int parts) {
        this.shape = shape;
        this.weightMatrix = weightMatrix;
        this.kk = shape.kernel() * shape.kernel();
        this.images = images;
        long columnsPerImage = (long) shape.fanIn() * shape.outHeight() * shape.outWidth();
        this.perChunk = Math.max(1, Math.min(images, chunkFloats / columnsPerImage));
        int count = (int) ((images + perChunk - 1) / perChunk);
        this.parts = Math.max(1, Math.min(parts, count));
        this.chunks = new Chunk[count];
        DataType type = weightMatrix.dataType();
        this.planes = type == DataType.FLOAT ? new ConvPlanes(shape) : null;
        Scratch[] full = new Scratch[this.parts];
        for (int p = 0; p < this.parts; p++) full[p] = new Scratch(type, perChunk);
        for (int i = 0; i < count; i++) {
            long r0 = i * perChunk, r1 = Math.min(images, r0 + perChunk);
            chunks[i] =
                    new Chunk(
                            type,
                            r0,
                            r1,
                            r1 - r0 == perChunk
                                    ? full[i % this.parts]
                                    : new Scratch(type, r1 - r0));
        }
        this.weightGrads = new INDArray[this.parts];
        for (int p = 0; p < this.parts; p++)
            weightGrads[p] = Nd4j.create(type, shape.outChannels(), (long) shape.fanIn());
    }

    /** out [N, O·oH·oW] = W ∗ in [N, C·H·W]. */
    void forward(INDArray in, INDArray out) {
        check(in);
        KernelThreads.run(
                parts,
                p -> {
                    for (int i = p; i < chunks.length; i += parts) forward(chunks[i], in, out);
                });
    }

    private void forward(Chunk c, INDArray in, INDArray out) {
        ConvShape s = shape;
        Scratch x = c.scratch;
        if (planes != null) {
            planes.im2col(in, c.r0, (int) c.n, c.cols);
        } else {
            c.interior.assign(
                    Ops.rows(in, c.r0, c.r1)
                            .reshape(c.n, s.inChannels(), s.inHeight(), s.inWidth())
                            .permute(1, 0, 2, 3));
            c.im2col();
        }
        Ops.gemm(weightMatrix, c.cols, x.channelMajor, false, false, 0.0);
        if (planes != null) {
            planes.toRows(x.channelMajor, c.r0, (int) c.n, out);
        } else {
            Ops.rows(out, c.r0, c.r1)
                    .reshape(c.n, s.outChannels(), s.outHeight(), s.outWidth())
                    .assign(
                            x.channelMajor
                                    .reshape(s.outChannels(), c.n, s.outHeight(), s.outWidth())
                                    .permute(1, 0, 2, 3));
        }
    }

    /**
     * From dL/d(out) [N, O·oH·oW]: dL/dW into {@code weightGradOut}; dL/d(in) added into {@code
     * inGrad} unless null. Uses the padded input blocks of the forward pass of the same batch.
     */
    void backward(INDArray gradOut, INDArray weightGradOut, INDArray inGrad) {
        check(gradOut);
        KernelThreads.run(
                parts,
                p -> {
                    for (int i = p; i < chunks.length; i += parts)
                        backward(chunks[i], i == p, gradOut, weightGrads[p], inGrad);
                });
        for (int p = 1; p < parts; p++) weightGrads[0].addi(weightGrads[p]);
        weightGradOut.assign(weightGrads[0].reshape(weightGradOut.shape()));
    }

    private void backward(
            Chunk c, boolean first, INDArray gradOut, INDArray weightGrad, INDArray inGrad) {
        ConvShape s = shape;
        Scratch x = c.scratch;
        INDArray g = x.channelMajor;
        if (planes != null) {
            planes.fromRows(gradOut, c.r0, (int) c.n, g);
        } else {
            g.reshape(s.outChannels(), c.n, s.outHeight(), s.outWidth())
                    .assign(
                            Ops.rows(gradOut, c.r0, c.r1)
                                    .reshape(c.n, s.outChannels(), s.outHeight(), s.outWidth())
                                    .permute(1, 0, 2, 3));
        }
        Ops.gemm(g, c.cols, weightGrad, false, true, first ? 0.0 : 1.0);
        if (inGrad == null) return;
        x.prepareInputGradient();
        Ops.gemm(weightMatrix, g, x.columnGrad, true, false, 0.0);
        if (planes != null) {
            planes.col2imAdd(x.columnGrad, c.r0, (int) c.n, inGrad);
            return;
        }
        // col2im: each kernel offset's block goes into its window of its own zero-padded layer of
        // the stack (the
        // rest of every layer stays zero), and one GEMV with ones sums the layers.
        for (int k = 0; k < kk; k++) x.stackWindows[k].assign(x.columnGradBlocks[k]);
        Ops.gemm(x.ones, x.stack, x.paddedGrad, false, false, 0.0);
        x.inputGradNchw
                .reshape(c.n, s.inChannels(), s.inHeight(), s.inWidth())
                .assign(x.paddedGradInterior.permute(1, 0, 2, 3));
        Ops.rows(inGrad, c.r0, c.r1).addi(x.inputGradNchw);
    }

    int chunks() {
        return chunks.length;
    }

    private void check(INDArray a) {
        if (a.rows() != images)
            throw new IllegalArgumentException(
                    "planned for " + images + " images, got " + a.rows());
    }

    /**
     * Along one axis of the padded map: the positions kernel offset {@code k} reads for the {@code
     * out} outputs.
     */
    private INDArrayIndex taps(int k, int out) {
        int st = shape.stride();
        return st == 1 ? interval(k, k + out) : interval(k, st, k + st * (out - 1) + 1);
    }

    /**
     * Images r0 … r1−1: their zero-padded channel-major block [C, n, H+2p, W+2p], its im2col
     * windows, and its columns, kept from the forward pass for dW: reading them back costs less
     * than a second im2col (ND4J's strided copies run at a fraction of memory speed).
     */
    private final class Chunk {
        final long r0, r1, n;
        final Scratch scratch;
        final INDArray interior, cols;
        final INDArray[] windows = new INDArray[kk], colBlocks = new INDArray[kk];

        Chunk(DataType type, long r0, long r1, Scratch scratch) {
            ConvShape s = shape;
            int p = s.padding(), k = s.kernel();
            this.r0 = r0;
            this.r1 = r1;
            this.n = r1 - r0;
            this.scratch = scratch;
            this.cols = Nd4j.create(type, (long) s.fanIn(), n * s.outHeight() * s.outWidth());
            if (type == DataType.FLOAT) { // ConvPlanes reads the rows directly
                this.interior = null;
                return;
            }
            // Zeros from the start; only the interior is ever written, so the border stays zero.
            INDArray padded =
                    Nd4j.create(
                            type, s.inChannels(), n, s.inHeight() + 2L * p, s.inWidth() + 2L * p);
            this.interior =
                    padded.get(
                            all(),
                            all(),
                            interval(p, p + s.inHeight()),
                            interval(p, p + s.inWidth()));
            for (int i = 0; i < kk; i++)
                windows[i] =
                        padded.get(
                                all(),
                                all(),
                                taps(i / k, s.outHeight()),
                                taps(i % k, s.outWidth()));
            blocks(cols, n, colBlocks);
        }

        /** The chunk's columns [C·k², n·oH·oW]: one strided copy per kernel offset. */
        void im2col() {
            for (int i = 0; i < kk; i++) colBlocks[i].assign(windows[i]);
        }
    }

    /**
     * The block of each kernel offset in a [C·k², n·oH·oW] column matrix, as [C, n, oH, oW] views.
     */
    private void blocks(INDArray columns, long n, INDArray[] out) {
        ConvShape s = shape;
        INDArray b = columns.reshape(s.inChannels(), kk, n, s.outHeight(), s.outWidth());
        for (int i = 0; i < kk; i++) out[i] = b.get(all(), point(i), all(), all(), all());
    }

    /**
     * Per part and chunk size: the channel-major drive (or its gradient) and, for backward,
     * dL/d(columns) and the col2im stack.
     */
    private final class Scratch {
        final long n;
        final INDArray channelMajor;
        // input gradient: dL/d(columns), a zero-padded input-shaped layer per kernel offset [k²,
        // C·n·(H+2p)·(W+2p)],
        // their sum, dX as NCHW
        INDArray columnGrad, stack, ones, paddedGrad, paddedGradInterior, inputGradNchw;
        INDArray[] columnGradBlocks, stackWindows;

        Scratch(DataType type, long n) {
            ConvShape s = shape;
            this.n = n;
            channelMajor = Nd4j.create(type, s.outChannels(), n * s.outHeight() * s.outWidth());
        }

        void prepareInputGradient() {
            if (columnGrad != null) return;
            ConvShape s = shape;
            int k = s.kernel(), p = s.padding();
            long hp = s.inHeight() + 2L * p,
                    wp = s.inWidth() + 2L * p,
                    plane = s.inChannels() * n * hp * wp;
            DataType type = channelMajor.dataType();
            columnGrad = Nd4j.create(type, (long) s.fanIn(), n * s.outHeight() * s.outWidth());
            if (type == DataType.FLOAT) return; // ConvPlanes adds the columns back itself
            columnGradBlocks = new INDArray[kk];
            blocks(columnGrad, n, columnGradBlocks);
            stack = Nd4j.create(type, kk, plane);
            ones = Nd4j.ones(type, 1, kk);
            paddedGrad = Nd4j.create(type, 1, plane);
            paddedGradInterior =
                    paddedGrad
                            .reshape(s.inChannels(), n, hp, wp)
                            .get(
                                    all(),
                                    all(),
                                    interval(p, p + s.inHeight()),
                                    interval(p, p + s.inWidth()));
            inputGradNchw = Nd4j.create(type, n, (long) s.inputSize());
            INDArray layers = stack.reshape(kk, s.inChannels(), n, hp, wp);
            stackWindows = new INDArray[kk];
            for (int i = 0; i < kk; i++) {
                stackWindows[i] =
                        layers.get(
                                point(i),
                                all(),
                                all(),
                                taps(i / k, s.outHeight()),
                                taps(i % k, s.outWidth()));
            }
        }
    }
}
