package dev.spikeforge.trainer;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.eval.NetworkEvaluator;
import dev.spikeforge.trainer.export.NetworkCodec;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Float accuracy of a trained network artifact, from the artifact alone: rate-codes sample i with the network's
 * {@code input.encoding_seed} and key i (the spikes the chip simulator sees), runs the shared LIF semantics and
 * takes the argmax of the readout potential after the last step.
 */
public final class FloatEvaluator {
    public static final int DEFAULT_BATCH = 256;
    public static final int DEFAULT_THREADS = 2;

    private FloatEvaluator() {}

    public static FloatEvaluation evaluate(TrainedNetwork net, LabeledImages data, EvaluationListener listener) {
        return evaluate(net, data, listener, DEFAULT_THREADS);
    }

    public static FloatEvaluation evaluate(TrainedNetwork net, LabeledImages data, EvaluationListener listener, int threads) {
        Nd4jRuntime.configure(threads);
        return NetworkEvaluator.evaluate(NetworkCodec.fromProto(net, DataType.FLOAT), net.getInput(), data, DEFAULT_BATCH, threads, listener);
    }
}
