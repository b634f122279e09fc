package dev.spikeforge.compiler.validate;

import dev.spikeforge.compiler.network.DenseLayer;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.proto.InputSpec;

import java.util.List;

/**
 * The float network on a labelled slice: its predictions, accuracy and every neuron's measured spike rate, plus
 * the mean input spikes per step. Samples are rate-coded exactly as the simulator codes them (same seed, key i).
 */
public record FloatRun(int[] predictions, int correct, double[][] rates, double inputSpikesPerStep) {

    public double accuracy() {
        return predictions.length == 0 ? 0 : correct / (double) predictions.length;
    }

    public static RateEncoder encoder(InputSpec in) {
        return new RateEncoder(in.getSteps(), in.getGain() == 0 ? 1f : in.getGain(), in.getEncodingSeed());
    }

    public static FloatRun of(List<DenseLayer> layers, InputSpec input, LabeledImages data) {
        FloatReference ref = new FloatReference(layers);
        RateEncoder enc = encoder(input);
        float[] x = new float[data.features()];
        int[] pred = new int[data.size()];
        int correct = 0;
        long inputSpikes = 0;
        for (int i = 0; i < data.size(); i++) {
            data.copyImage(i, x, 0);
            var train = enc.encode(i, x);
            inputSpikes += train.totalSpikes();
            pred[i] = FloatReference.argmax(ref.run(train, enc.steps()));
            if (pred[i] == data.label(i)) correct++;
        }
        double perStep = data.size() == 0 ? 0 : inputSpikes / ((double) data.size() * enc.steps());
        return new FloatRun(pred, correct, ref.rates(), perStep);
    }
}
