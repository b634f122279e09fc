package dev.spikeforge.trainer.train;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.trainer.engine.BackwardPass;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.engine.ForwardPass;
import dev.spikeforge.trainer.engine.Gradients;
import dev.spikeforge.trainer.input.RateBatchEncoder;
import dev.spikeforge.trainer.loss.LossContext;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/** One pass over the training set: encode → forward → loss → backward → optimizer step, batch after batch. */
public final class EpochRunner {
    private final LifNetwork net;
    private final BatchWorkspace ws;
    private final Gradients grads;
    private final Optimizer optimizer;
    private final List<LossTerm> loss;
    private final EngineOptions options;
    private final RateBatchEncoder encoder;
    private final long seed;

    public EpochRunner(LifNetwork net, BatchWorkspace ws, Gradients grads, Optimizer optimizer, List<LossTerm> loss,
                       EngineOptions options, RateBatchEncoder encoder, long seed) {
        this.net = net;
        this.ws = ws;
        this.grads = grads;
        this.optimizer = optimizer;
        this.loss = List.copyOf(loss);
        this.options = options;
        this.encoder = encoder;
        this.seed = seed;
    }

    /** Runs epoch {@code epoch} (1-based) at the given learning rate. */
    public EpochStats run(LabeledImages data, int epoch, double learningRate, BatchCallback callback) {
        long start = System.nanoTime();
        int batch = ws.batch(), n = data.size();
        BatchOrder order = BatchOrder.shuffled(n, batch, seed, epoch);
        int[] idx = new int[batch], nextIdx = new int[batch], labels = new int[batch];
        long[] keys = new long[batch];
        double lossSum = 0;
        long correct = 0;
        double[] spikeSums = new double[net.hiddenLayers()];
        int batches = order.batches();
        if (batches > 0) prepare(data, order, 0, epoch, idx, keys);
        for (int k = 0; k < batches; k++) {
            order.indices(k, idx);
            for (int b = 0; b < batch; b++) labels[b] = data.label(idx[b]);
            encoder.deliver(ws.input());
            // The next batch is encoded in the background while this one trains.
            if (k + 1 < batches) prepare(data, order, k + 1, epoch, nextIdx, keys);
            ForwardPass.run(net, ws, options);
            ws.clearGradients();
            LossContext ctx = new LossContext(ws, labels);
            double batchLoss = 0;
            for (LossTerm term : loss) batchLoss += term.accumulate(ctx);
            if (!Double.isFinite(batchLoss)) {
                throw new IllegalStateException("training diverged in epoch " + epoch + ", batch " + (k + 1) + " (loss " + batchLoss
                        + "); lower the learning rate or the loss scale");
            }
            BackwardPass.run(net, ws, grads, options);
            optimizer.step(learningRate);

            double[][] scores = ctx.scores();
            for (int b = 0; b < batch; b++) if (argmax(scores[b]) == labels[b]) correct++;
            double rate = 0;
            for (int l = 0; l < spikeSums.length; l++) {
                double s = spikeCount(ws.layer(l).spikes().all());
                spikeSums[l] += s;
                rate += s / ws.layer(l).spikes().all().length();
            }
            lossSum += batchLoss;
            callback.onBatch(k + 1, batches, batchLoss, spikeSums.length == 0 ? 0 : rate / spikeSums.length);
        }
        double[] rates = new double[spikeSums.length];
        int seen = batches * batch;
        for (int l = 0; l < rates.length; l++) rates[l] = spikeSums[l] / ((double) seen * ws.steps() * net.layer(l).size());
        return new EpochStats(batches == 0 ? Double.NaN : lossSum / batches, seen == 0 ? Double.NaN : correct / (double) seen,
                rates, seen, (System.nanoTime() - start) / 1e9);
    }

    private void prepare(LabeledImages data, BatchOrder order, int k, int epoch, int[] idx, long[] keys) {
        order.indices(k, idx);
        // A fresh key per epoch: every epoch sees new spike trains of the same images (augmentation).
        for (int b = 0; b < idx.length; b++) keys[b] = (long) (epoch - 1) * data.size() + idx[b];
        encoder.prepare(data, idx, keys);
    }

    /** Spikes are 0/1, so their sum is the BLAS asum: one cheap call instead of a generic reduction op. */
    private static double spikeCount(INDArray z) {
        return Nd4j.getBlasWrapper().asum(z.reshape(z.length()));
    }

    private static int argmax(double[] s) {
        int best = 0;
        for (int k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
        return best;
    }
}
