package dev.spikeforge.compiler.validate;

import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputSpec;
import java.util.List;

/**
 * The float network on a labelled slice: its predictions, accuracy and every neuron's measured
 * spike rate, plus the mean input spikes (events) per step. Rate-coded samples are coded exactly as
 * the simulator codes them (same seed, key i); DIRECT samples drive layer 0 with gain · x on every
 * step.
 */
public record FloatRun(
        int[] predictions, int correct, double[][] rates, double inputSpikesPerStep) {

    public double accuracy() {
        return predictions.length == 0 ? 0 : correct / (double) predictions.length;
    }

    public static RateEncoder encoder(InputSpec in) {
        return new RateEncoder(
                in.getSteps(), in.getGain() == 0 ? 1f : in.getGain(), in.getEncodingSeed());
    }

    public static FloatRun of(List<FloatLayer> layers, InputSpec input, LabeledImages data) {
        if (input.getEncoding() == Encoding.DIRECT) return direct(layers, input, data);
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

    /**
     * DIRECT input: gain · x on every one of the input's steps, as the trainer drives it. The input
     * rate is the nonzero values per step: the events that carry them on the chip.
     */
    private static FloatRun direct(List<FloatLayer> layers, InputSpec input, LabeledImages data) {
        FloatReference ref = new FloatReference(layers);
        float gain = input.getGain() == 0 ? 1f : input.getGain();
        float[] x = new float[data.features()];
        int[] pred = new int[data.size()];
        int correct = 0;
        long events = 0;
        for (int i = 0; i < data.size(); i++) {
            data.copyImage(i, x, 0);
            for (int k = 0; k < x.length; k++) {
                x[k] *= gain;
                if (x[k] != 0) events++;
            }
            pred[i] = FloatReference.argmax(ref.runValues(x, input.getSteps()));
            if (pred[i] == data.label(i)) correct++;
        }
        return new FloatRun(
                pred, correct, ref.rates(), data.size() == 0 ? 0 : events / (double) data.size());
    }
}
