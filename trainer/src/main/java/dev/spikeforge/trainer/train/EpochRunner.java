package dev.spikeforge.trainer.train;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.trainer.engine.BackwardPass;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.engine.ForwardPass;
import dev.spikeforge.trainer.engine.Gradients;
import dev.spikeforge.trainer.extension.Batch;
import dev.spikeforge.trainer.extension.Extensions;
import dev.spikeforge.trainer.input.BatchEncoder;
import dev.spikeforge.trainer.loss.LossContext;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.optim.GradientClipper;
import dev.spikeforge.trainer.optim.Optimizer;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One pass over the training set: encode → forward → loss → backward → (clip) → optimizer step,
 * batch after batch, with the extensions' batch callbacks around them (see {@link
 * dev.spikeforge.trainer.extension.TrainingExtension}).
 */
public final class EpochRunner {
    private final LifNetwork net;
    private final BatchWorkspace ws;
    private final Gradients grads;
    private final Optimizer optimizer;
    private final GradientClipper clipper;
    private final List<LossTerm> loss;
    private final EngineOptions options;
    private final BatchEncoder encoder;
    private final long seed;
    private final Extensions extensions;

    /**
     * @param clipper null for no clipping
     */
    public EpochRunner(
            LifNetwork net,
            BatchWorkspace ws,
            Gradients grads,
            Optimizer optimizer,
            GradientClipper clipper,
            List<LossTerm> loss,
            EngineOptions options,
            BatchEncoder encoder,
            long seed,
            Extensions extensions) {
        this.net = net;
        this.ws = ws;
        this.grads = grads;
        this.optimizer = optimizer;
        this.clipper = clipper;
        this.loss = List.copyOf(loss);
        this.options = options;
        this.encoder = encoder;
        this.seed = seed;
        this.extensions = extensions;
    }

    /** Runs epoch {@code epoch} (1-based) at the given learning rate. */
    public EpochStats run(LabeledImages data, int epoch, double learningRate) {
        long start = System.nanoTime();
        int batch = ws.batch(), n = data.size();
        BatchOrder order = BatchOrder.shuffled(n, batch, seed, epoch);
        int[] idx = new int[batch], labels = new int[batch];
        long[] keys = new long[batch];
        double lossSum = 0;
        long correct = 0;
        int spiking = net.spikingLayers();
        double[] spikeSums = new double[spiking], neuronSteps = new double[spiking];
        int batches = order.batches();
        if (batches > 0) prepare(data, order, 0, epoch, idx, keys);
        for (int k = 0; k < batches; k++) {
            Batch position = new Batch(epoch, k, batches);
            order.indices(k, idx);
            for (int b = 0; b < batch; b++) labels[b] = data.label(idx[b]);
            encoder.deliver(ws.input());
            // The next batch is encoded in the background while this one trains.
            if (k + 1 < batches) prepare(data, order, k + 1, epoch, idx, keys);
            extensions.beforeBatch(position);
            ForwardPass.run(ws, options);
            ws.clearGradients();
            LossContext ctx = new LossContext(ws, labels);
            double batchLoss = 0;
            for (LossTerm term : loss) batchLoss += term.accumulate(ctx);
            if (!Double.isFinite(batchLoss)) {
                throw new IllegalStateException(
                        "training diverged in epoch "
                                + epoch
                                + ", batch "
                                + (k + 1)
                                + " (loss "
                                + batchLoss
                                + "); lower the learning rate or the loss scale, or clip"
                                + " gradients");
            }
            BackwardPass.run(ws, grads, options);
            extensions.afterBackward(position);
            if (clipper != null) clipper.clip();
            optimizer.step(learningRate);
            for (Layer layer : net.layers()) layer.neuron().constrain();

            double[][] scores = ctx.scores();
            for (int b = 0; b < batch; b++) if (argmax(scores[b]) == labels[b]) correct++;
            double rate = 0;
            for (int l = 0; l < spiking; l++) {
                // Only the steps that ran (all, or the observed ones) count.
                INDArray z = ws.layer(l, options).spikes().all();
                double s = spikeCount(z);
                spikeSums[l] += s;
                neuronSteps[l] += z.length();
                rate += s / z.length();
            }
            lossSum += batchLoss;
            extensions.afterBatch(position, batchLoss, spiking == 0 ? 0 : rate / spiking);
        }
        double[] rates = new double[spiking];
        int seen = batches * batch;
        for (int l = 0; l < rates.length; l++)
            rates[l] = neuronSteps[l] == 0 ? 0 : spikeSums[l] / neuronSteps[l];
        return new EpochStats(
                batches == 0 ? Double.NaN : lossSum / batches,
                seen == 0 ? Double.NaN : correct / (double) seen,
                rates,
                seen,
                (System.nanoTime() - start) / 1e9);
    }

    private void prepare(
            LabeledImages data, BatchOrder order, int k, int epoch, int[] idx, long[] keys) {
        order.indices(k, idx);
        // A fresh key per epoch: every epoch sees new spike trains of the same images
        // (augmentation).
        for (int b = 0; b < idx.length; b++) keys[b] = (long) (epoch - 1) * data.size() + idx[b];
        encoder.prepare(data, idx, keys);
    }

    /**
     * Spikes are 0/1, so their sum is the BLAS asum: one cheap call instead of a generic reduction
     * op.
     */
    private static double spikeCount(INDArray z) {
        return Nd4j.getBlasWrapper().asum(z.reshape(z.length()));
    }

    private static int argmax(double[] s) {
        int best = 0;
        for (int k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
        return best;
    }
}
