package dev.spikeforge.trainer.stability;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.ForwardPass;
import dev.spikeforge.trainer.input.BatchEncoder;
import dev.spikeforge.trainer.network.LifNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves only biases so every spiking hidden layer starts at a target firing rate (methods.md §2:
 * the stable statistics favour a high rate; training then starts from a chosen one). Layers are
 * tuned bottom-up, since a layer's rate depends only on the layers below it: each gets one shift δ
 * added to all its biases, found by bisection on the rate it fires at over a few fixed batches (a
 * rate rises with its bias). Rates count every step, as the trainer's do.
 */
public final class BiasPretuner {
    /** Stop when a layer's rate is this close to the target. */
    public static final double TOLERANCE = 0.005;

    private static final int MAX_PASSES = 30;

    private BiasPretuner() {}

    /**
     * @param before rates with the biases as they were, per tuned layer
     * @param after rates after tuning (the achieved initial rates)
     * @param shifts the bias shift of each layer
     * @param passes forward passes over the batches, in all
     */
    public record Result(
            double target, double[] before, double[] after, double[] shifts, int passes) {
        public double meanAfter() {
            return RateEstimator.average(after);
        }
    }

    /**
     * @param keyBase keys of the encoded samples start here (distinct from training's, which start
     *     at 0)
     */
    public static Result tune(
            LifNetwork net,
            BatchWorkspace ws,
            BatchEncoder encoder,
            LabeledImages data,
            double target,
            int batches,
            long keyBase) {
        int batch = ws.batch();
        int count = Math.max(1, Math.min(batches, data.size() / batch));
        INDArray[] inputs = new INDArray[count];
        int[] idx = new int[batch];
        long[] keys = new long[batch];
        for (int k = 0; k < count; k++) {
            for (int b = 0; b < batch; b++) {
                idx[b] = (k * batch + b) % data.size();
                keys[b] = keyBase + idx[b];
            }
            encoder.encode(data, idx, keys, ws.input());
            inputs[k] = ws.input().array().dup();
        }
        int layers = net.hiddenLayers();
        double[] before = rates(ws, inputs, layers),
                after = new double[layers],
                shifts = new double[layers];
        int passes = 1;
        for (int l = 0; l < layers; l++) {
            INDArray bias = net.layer(l).bias();
            INDArray base = bias.dup();
            double theta = net.layer(l).neuron().current().threshold();
            double lo = -4 * theta,
                    hi = 4 * theta,
                    best = 0,
                    bestErr = Math.abs(before[l] - target);
            after[l] = before[l];
            for (int i = 0; i < MAX_PASSES && bestErr > TOLERANCE; i++) {
                double mid = (lo + hi) / 2;
                bias.assign(base.add(mid));
                double r = rates(ws, inputs, l + 1)[l];
                passes++;
                if (Math.abs(r - target) < bestErr) {
                    bestErr = Math.abs(r - target);
                    best = mid;
                    after[l] = r;
                }
                if (r < target) lo = mid;
                else hi = mid;
            }
            bias.assign(base.add(best));
            shifts[l] = best;
        }
        return new Result(target, before, after, shifts, passes);
    }

    /**
     * Mean rate of layers 0 … upTo−1 over the batches (layers above upTo are computed but not
     * read).
     */
    private static double[] rates(BatchWorkspace ws, INDArray[] inputs, int upTo) {
        double[] spikes = new double[upTo];
        double cells = 0;
        for (INDArray in : inputs) {
            ws.input().array().assign(in);
            ForwardPass.run(ws);
            for (int l = 0; l < upTo; l++)
                spikes[l] += ws.layer(l).spikes().all().sumNumber().doubleValue();
            cells += ws.layer(0).spikes().all().rows();
        }
        double[] r = new double[upTo];
        for (int l = 0; l < upTo; l++) r[l] = spikes[l] / (cells * ws.layer(l).size());
        return r;
    }
}
