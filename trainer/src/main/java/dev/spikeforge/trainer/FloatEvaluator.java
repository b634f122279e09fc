package dev.spikeforge.trainer;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.eval.NetworkEvaluator;
import dev.spikeforge.trainer.export.NetworkCodec;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Float accuracy of a trained network artifact, from the artifact alone: encodes sample i as the
 * input spec says (rate: the network's {@code input.encoding_seed} and key i, the spikes the chip
 * simulator sees), runs the shared LIF semantics and takes the argmax of the score the network's
 * score mode defines.
 */
public final class FloatEvaluator {
    public static final int DEFAULT_BATCH = 256;
    public static final int DEFAULT_THREADS = 2;

    private FloatEvaluator() {}

    public static FloatEvaluation evaluate(
            TrainedNetwork net, LabeledImages data, EvaluationListener listener) {
        return evaluate(net, data, listener, DEFAULT_THREADS);
    }

    public static FloatEvaluation evaluate(
            TrainedNetwork net, LabeledImages data, EvaluationListener listener, int threads) {
        // Only rate coding is costly enough to get a background thread; otherwise the math gets
        // every thread.
        Nd4jRuntime.configure(
                threads, threads > 1 && net.getInput().getEncoding() == Encoding.RATE);
        return NetworkEvaluator.evaluate(
                NetworkCodec.fromProto(net, DataType.FLOAT),
                net.getInput(),
                data,
                DEFAULT_BATCH,
                threads,
                listener);
    }
}
