package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.ConvShape;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Convolutional synapses (any stride) on all delayed steps at once: the step-major [rows, C·H·W]
 * buffers are NCHW batches of T·B images, convolved as im2col + GEMM in chunks of a few images
 * ({@link ConvChunks}), so that a chunk's columns, its GEMMs and its col2im stay in the core's
 * cache. One GEMM over all T·B images at once is slower on this shape ([O, C·k²] × [C·k²,
 * T·B·oH·oW], with O and C·k² small): it streams a column matrix of ~100 MB through memory three
 * times. libnd4j's conv2d/conv2d_bp is slower still (the figures: docs/benchmarks.md, "Engine
 * design measurements").
 *
 * <p>Per chunk, forward: its images copied channel-major into a zero-padded [C, n, H+2p, W+2p]
 * block (kept for the backward pass), columns [C·k², n·oH·oW] by one strided copy per kernel
 * offset, drive = W × columns, copied back to NCHW. Backward: the columns again from the kept
 * block, dW += G × columnsᵀ (chunks in order, so the sum is the same for every run), dL/d(columns)
 * = Wᵀ × G scattered back (col2im) without strided adds, which are much slower than strided copies
 * in ND4J: each kernel offset's block is copied into its window of a zero-padded layer of its own,
 * and one GEMV sums the k² layers. A constant input is convolved once and copied to every step; its
 * gradient uses the drive gradient summed over steps.
 */
final class ConvSynapses implements Synapses {
    private final INDArray weightMatrix;
    private final ConvShape shape;
    private final Map<Long, ConvChunks> plans =
            new HashMap<>(); // by image count: a synapse sees one or two
    private INDArray once; // [B, outC·outH·outW] for a constant input

    ConvSynapses(INDArray weights, ConvShape shape) {
        this.shape = shape;
        this.weightMatrix = weights.reshape(shape.outChannels(), (long) shape.fanIn());
    }

    @Override
    public void forward(LayerInput input, StepBlocks drive) {
        if (input.isConstant()) {
            INDArray d = once(drive);
            plan(d.rows()).forward(input.constant(), d);
            Ops.copyToRows(
                    d.reshape(1, d.length()),
                    DenseSynapses.byStep(drive.tail(), drive.steps() - 1));
        } else {
            INDArray in = input.steps().head();
            plan(in.rows()).forward(in, drive.tail());
        }
        drive.at(0).assign(0);
    }

    @Override
    public void backward(
            StepBlocks ga, LayerInput input, INDArray weightGrad, StepBlocks inputGrad) {
        if (input.isConstant()) {
            INDArray sum = once(ga);
            StepSums.sum(ga, 1, sum);
            plan(sum.rows()).backward(sum, weightGrad, null);
        } else {
            INDArray g = ga.tail();
            plan(g.rows()).backward(g, weightGrad, inputGrad == null ? null : inputGrad.head());
        }
    }

    private ConvChunks plan(long images) {
        return plans.computeIfAbsent(images, n -> new ConvChunks(shape, weightMatrix, n));
    }

    private INDArray once(StepBlocks like) {
        if (once == null)
            once =
                    org.nd4j.linalg.factory.Nd4j.create(
                            like.all().dataType(), like.batch(), like.width());
        return once;
    }
}
