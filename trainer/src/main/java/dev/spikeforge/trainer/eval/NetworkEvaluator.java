package dev.spikeforge.trainer.eval;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.trainer.EvaluationListener;
import dev.spikeforge.trainer.FloatEvaluation;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.ForwardPass;
import dev.spikeforge.trainer.engine.HostCopy;
import dev.spikeforge.trainer.input.RateBatchEncoder;
import dev.spikeforge.trainer.network.LifNetwork;

/**
 * Classifies a data set with an engine network under the artifact's input spec: the encoder is seeded with
 * {@code encoding_seed} and sample i uses key i, exactly what the chip simulator feeds, so float and chip accuracy
 * compare sample by sample.
 */
public final class NetworkEvaluator {
    private NetworkEvaluator() {}

    public static FloatEvaluation evaluate(LifNetwork net, InputSpec input, LabeledImages data, int batch, int threads,
                                           EvaluationListener listener) {
        if (input.getEncoding() != Encoding.RATE) {
            throw new IllegalArgumentException("input encoding " + input.getEncoding() + " is not supported by the float evaluator yet (RATE only)");
        }
        if (data.features() != net.inputs()) {
            throw new IllegalArgumentException("the network reads " + net.inputs() + " inputs but the data set '" + data.name()
                    + "' has " + data.features() + " features per sample");
        }
        int steps = input.getSteps();
        if (steps < 2) throw new IllegalArgumentException("input.steps must be >= 2, got " + steps);
        EvaluationListener progress = listener == null ? EvaluationListener.NONE : listener;
        int n = data.size(), classes = net.outputs();
        int[] predictions = new int[n];
        float[] scores = new float[n * classes];
        int correct = 0;
        ActivityCounter activity = new ActivityCounter(net, steps);
        RateEncoder encoder = new RateEncoder(steps, input.getGain(), input.getEncodingSeed());
        BatchWorkspace full = null;
        try (RateBatchEncoder batches = new RateBatchEncoder(encoder, net.inputs(), threads)) {
            if (n > 0) prepare(batches, data, 0, Math.min(batch, n));
            for (int from = 0; from < n; from += batch) {
                int b = Math.min(batch, n - from);
                BatchWorkspace ws = b == batch ? (full == null ? full = new BatchWorkspace(net, steps, batch) : full)
                        : new BatchWorkspace(net, steps, b);
                batches.deliver(ws.input());
                int next = from + batch;
                if (next < n) prepare(batches, data, next, Math.min(batch, n - next));
                ForwardPass.run(net, ws);
                activity.add(ws);
                System.arraycopy(HostCopy.toFloatVector(ws.scores()), 0, scores, from * classes, b * classes);
                for (int k = from; k < from + b; k++) {
                    int p = argmax(scores, k * classes, classes);
                    predictions[k] = p;
                    if (p == data.label(k)) correct++;
                }
                progress.onProgress(from + b, n);
            }
        }
        return new FloatEvaluation(n == 0 ? 0 : correct / (double) n, predictions, scores, classes,
                activity.spikesPerSample(), activity.inputSpikesPerSample(), activity.synapticOpsPerSample(), activity.firingRates());
    }

    /** Sample i is encoded with key i: the artifact's contract with the simulator. */
    private static void prepare(RateBatchEncoder encoder, LabeledImages data, int from, int count) {
        int[] idx = new int[count];
        long[] keys = new long[count];
        for (int k = 0; k < count; k++) {
            idx[k] = from + k;
            keys[k] = from + k;
        }
        encoder.prepare(data, idx, keys);
    }

    /** Index of the largest score; ties go to the lowest index, as in the simulator. */
    public static int argmax(float[] s, int offset, int length) {
        int best = 0;
        for (int k = 1; k < length; k++) if (s[offset + k] > s[offset + best]) best = k;
        return best;
    }
}
