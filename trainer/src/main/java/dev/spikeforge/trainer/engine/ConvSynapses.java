package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.ConvShape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Convolutional synapses (any stride) as im2col + one GEMM, on all delayed steps at once (the step-major [rows, C·H·W] buffers
 * are NCHW batches of images). libnd4j's own conv2d/conv2d_bp measured 3–6× slower here, so the layout work is done
 * with a few strided copies instead:
 * <ul>
 *   <li>the input is copied channel-major into a zero-padded [C, N, H+2p, W+2p] buffer;</li>
 *   <li>columns [C·k·k, N·oH·oW]: one strided copy per kernel offset (k² copies, not one per element; a stride s
 *       only makes each copy's view step s along the rows and columns);</li>
 *   <li>drive (channel-major) = W[O, C·k·k] × columns, then copied back to NCHW.</li>
 * </ul>
 * Backward: dW = G × columnsᵀ; dL/d(columns) = Wᵀ × G, scattered back (col2im) without strided adds, which are
 * ~18× slower than strided copies in ND4J: each kernel offset's block is copied into its window of a zero-padded
 * layer of its own, and one GEMV sums the k² layers. A constant input is convolved once and copied to every step; its gradient uses the drive gradient summed over
 * steps. Buffers are sized on first use: a synapse always sees the same number of images.
 */
final class ConvSynapses implements Synapses {
    private final INDArray weights, weightMatrix;
    private final ConvShape shape;
    private final int kk;
    private long images = -1;
    private INDArray padded, paddedInterior, cols, channelMajor, weightGrad;
    private INDArray[] paddedWindows, colBlocks;
    // input gradient: a zero-padded input-shaped layer per kernel offset [k², C·N·(H+2p)·(W+2p)], their sum, dX as NCHW
    private INDArray stack, ones, paddedGrad, paddedGradInterior, inputGradNchw;
    private INDArray[] stackWindows;
    private INDArray once;        // [B, outC·outH·outW] for a constant input

    ConvSynapses(INDArray weights, ConvShape shape) {
        this.weights = weights;
        this.shape = shape;
        this.kk = shape.kernel() * shape.kernel();
        this.weightMatrix = weights.reshape(shape.outChannels(), (long) shape.inChannels() * kk);
    }

    @Override
    public void forward(LayerInput input, StepBlocks drive) {
        if (input.isConstant()) {
            INDArray d = once(drive);
            conv(input.constant(), d);
            Ops.copyToRows(d.reshape(1, d.length()), DenseSynapses.byStep(drive.tail(), drive.steps() - 1));
        } else {
            conv(input.steps().head(), drive.tail());
        }
        drive.at(0).assign(0);
    }

    @Override
    public void backward(StepBlocks ga, LayerInput input, INDArray weightGrad, StepBlocks inputGrad) {
        if (input.isConstant()) {
            INDArray sum = once(ga);
            StepSums.sum(ga, 1, sum);
            convBackward(sum, weightGrad, null);
        } else {
            convBackward(ga.tail(), weightGrad, inputGrad == null ? null : inputGrad.head());
        }
    }

    /** out [N, O·oH·oW] = W ∗ in [N, C·H·W]. */
    private void conv(INDArray in, INDArray out) {
        prepare(in.rows());
        ConvShape s = shape;
        if (s.padding() > 0) padded.assign(0);   // the backward pass scatters into the border
        paddedInterior.assign(in.reshape(images, s.inChannels(), s.inHeight(), s.inWidth()).permute(1, 0, 2, 3));
        for (int k = 0; k < kk; k++) colBlocks[k].assign(paddedWindows[k]);
        Ops.gemm(weightMatrix, cols, channelMajor, false, false, 0.0);
        out.reshape(images, s.outChannels(), s.outHeight(), s.outWidth()).assign(nchw(channelMajor));
    }

    /**
     * From dL/d(out) [N, O·oH·oW]: dL/dW into {@code weightGrad}; dL/d(in) added into {@code inGrad} unless null.
     * Uses the columns of the forward pass of the same batch.
     */
    private void convBackward(INDArray gradOut, INDArray weightGrad, INDArray inGrad) {
        ConvShape s = shape;
        INDArray g = channelMajor;
        g.reshape(s.outChannels(), images, s.outHeight(), s.outWidth())
                .assign(gradOut.reshape(images, s.outChannels(), s.outHeight(), s.outWidth()).permute(1, 0, 2, 3));
        Ops.gemm(g, cols, this.weightGrad, false, true, 0.0);
        weightGrad.assign(this.weightGrad.reshape(weightGrad.shape()));
        if (inGrad == null) return;
        prepareInputGradient();
        Ops.gemm(weightMatrix, g, cols, true, false, 0.0);   // the columns now hold dL/d(columns)
        // col2im: each kernel offset's block goes into its window of its own zero-padded layer of the stack (the
        // rest of every layer stays zero), and one GEMV with ones sums the layers.
        for (int k = 0; k < kk; k++) stackWindows[k].assign(colBlocks[k]);
        Ops.gemm(ones, stack, paddedGrad, false, false, 0.0);
        inputGradNchw.reshape(images, s.inChannels(), s.inHeight(), s.inWidth()).assign(paddedGradInterior.permute(1, 0, 2, 3));
        inGrad.addi(inputGradNchw);
    }

    private void prepareInputGradient() {
        if (stack != null) return;
        ConvShape s = shape;
        int k = s.kernel(), p = s.padding(), oh = s.outHeight(), ow = s.outWidth();
        long hp = s.inHeight() + 2L * p, wp = s.inWidth() + 2L * p, plane = s.inChannels() * images * hp * wp;
        stack = Nd4j.create(weights.dataType(), kk, plane);
        ones = Nd4j.ones(weights.dataType(), 1, kk);
        paddedGrad = Nd4j.create(weights.dataType(), 1, plane);
        paddedGradInterior = paddedGrad.reshape(s.inChannels(), images, hp, wp)
                .get(all(), all(), interval(p, p + s.inHeight()), interval(p, p + s.inWidth()));
        inputGradNchw = Nd4j.create(weights.dataType(), images, (long) s.inputSize());
        INDArray layers = stack.reshape(kk, s.inChannels(), images, hp, wp);
        stackWindows = new INDArray[kk];
        for (int i = 0; i < kk; i++) {
            int ky = i / k, kx = i % k;
            stackWindows[i] = layers.get(point(i), all(), all(), taps(ky, oh), taps(kx, ow));
        }
    }

    /** Along one axis of the padded map: the positions kernel offset {@code k} reads for the {@code out} outputs. */
    private INDArrayIndex taps(int k, int out) {
        int s = shape.stride();
        return s == 1 ? interval(k, k + out) : interval(k, s, k + s * (out - 1) + 1);
    }

    private INDArray nchw(INDArray channelMajor) {
        return channelMajor.reshape(shape.outChannels(), images, shape.outHeight(), shape.outWidth()).permute(1, 0, 2, 3);
    }

    private void prepare(long n) {
        if (n == images) return;
        ConvShape s = shape;
        int p = s.padding(), k = s.kernel(), oh = s.outHeight(), ow = s.outWidth();
        long positions = n * oh * ow;
        images = n;
        padded = Nd4j.create(weights.dataType(), s.inChannels(), n, s.inHeight() + 2L * p, s.inWidth() + 2L * p);
        paddedInterior = padded.get(all(), all(), interval(p, p + s.inHeight()), interval(p, p + s.inWidth()));
        cols = Nd4j.create(weights.dataType(), (long) s.inChannels() * kk, positions);
        INDArray blocks = cols.reshape(s.inChannels(), kk, n, oh, ow);
        channelMajor = Nd4j.create(weights.dataType(), s.outChannels(), positions);
        weightGrad = Nd4j.create(weights.dataType(), s.outChannels(), (long) s.inChannels() * kk);
        paddedWindows = new INDArray[kk];
        colBlocks = new INDArray[kk];
        for (int i = 0; i < kk; i++) {
            int ky = i / k, kx = i % k;
            paddedWindows[i] = padded.get(all(), all(), taps(ky, oh), taps(kx, ow));
            colBlocks[i] = blocks.get(all(), point(i), all(), all(), all());
        }
    }

    private INDArray once(StepBlocks like) {
        if (once == null) once = Nd4j.create(like.all().dataType(), like.batch(), like.width());
        return once;
    }
}
