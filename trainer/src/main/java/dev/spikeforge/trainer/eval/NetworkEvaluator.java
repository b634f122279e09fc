package dev.spikeforge.trainer.eval;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.trainer.EvaluationListener;
import dev.spikeforge.trainer.FloatEvaluation;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.ForwardPass;
import dev.spikeforge.trainer.input.BatchEncoder;
import dev.spikeforge.trainer.input.SampleEncoder;
import dev.spikeforge.trainer.input.SampleEncoders;
import dev.spikeforge.trainer.network.LifNetwork;

/**
 * Classifies a data set with an engine network under the artifact's input spec: rate spikes are
 * seeded with {@code encoding_seed} and sample i uses key i, exactly what the chip simulator feeds,
 * so float and chip accuracy compare sample by sample.
 */
public final class NetworkEvaluator {
    private NetworkEvaluator() {}

    public static FloatEvaluation evaluate(
            LifNetwork net,
            InputSpec input,
            LabeledImages data,
            int batch,
            int threads,
            EvaluationListener listener) {
        int steps = input.getSteps();
        if (steps < 2) throw new IllegalArgumentException("input.steps must be >= 2, got " + steps);
        SampleEncoder sampleEncoder = SampleEncoders.forSpec(input, data.rows(), data.cols());
        if (sampleEncoder.width() != net.inputs()) {
            throw new IllegalArgumentException(
                    "the network reads "
                            + net.inputs()
                            + " inputs per step but "
                            + input.getEncoding()
                            + " encoding of the data set '"
                            + data.name()
                            + "' ("
                            + data.rows()
                            + "x"
                            + data.cols()
                            + " images) gives "
                            + sampleEncoder.width());
        }
        EvaluationListener progress = listener == null ? EvaluationListener.NONE : listener;
        int n = data.size(), classes = net.outputs();
        int[] predictions = new int[n];
        float[] scores = new float[n * classes];
        int correct = 0;
        ActivityCounter activity = new ActivityCounter(net, steps);
        BatchWorkspace full = null;
        try (BatchEncoder batches = new BatchEncoder(sampleEncoder, data.features(), threads)) {
            if (n > 0) prepare(batches, data, 0, Math.min(batch, n));
            for (int from = 0; from < n; from += batch) {
                int b = Math.min(batch, n - from);
                BatchWorkspace ws =
                        b == batch
                                ? (full == null
                                        ? full =
                                                new BatchWorkspace(
                                                        net, steps, batch, sampleEncoder.constant())
                                        : full)
                                : new BatchWorkspace(net, steps, b, sampleEncoder.constant());
                batches.deliver(ws.input());
                int next = from + batch;
                if (next < n) prepare(batches, data, next, Math.min(batch, n - next));
                ForwardPass.run(ws);
                activity.add(ws, sampleEncoder.spikes());
                double[][] s = ws.scores().scores();
                for (int k = 0; k < b; k++) {
                    for (int c = 0; c < classes; c++)
                        scores[(from + k) * classes + c] = (float) s[k][c];
                    int p = argmax(scores, (from + k) * classes, classes);
                    predictions[from + k] = p;
                    if (p == data.label(from + k)) correct++;
                }
                progress.onProgress(from + b, n);
            }
        }
        return new FloatEvaluation(
                n == 0 ? 0 : correct / (double) n,
                predictions,
                scores,
                classes,
                activity.spikesPerSample(),
                activity.inputSpikesPerSample(),
                activity.synapticOpsPerSample(),
                activity.firingRates());
    }

    /** Sample i is encoded with key i: the artifact's contract with the simulator. */
    private static void prepare(BatchEncoder encoder, LabeledImages data, int from, int count) {
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
