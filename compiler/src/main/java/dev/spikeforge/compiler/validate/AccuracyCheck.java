package dev.spikeforge.compiler.validate;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.runtime.sim.run.ChipEvaluation;

/**
 * Accuracy of a compiled network on the bit-exact simulator against the float network on the same
 * encoded samples. Not measured (and the reason recorded) when the slice does not fit the network
 * or the simulator cannot run the compiled form.
 */
public final class AccuracyCheck {
    /** The simulator keeps weights in 8 bits. */
    static final int SIMULATOR_MAX_WEIGHT_BITS = 8;

    private AccuracyCheck() {}

    /** Why the check cannot run on these inputs, or null when it can. */
    public static String unusable(LabeledImages data, int inputSize, Encoding encoding) {
        if (data == null || data.size() == 0) return "no validation samples given";
        if (data.features() != inputSize)
            return "validation set "
                    + data.name()
                    + " has "
                    + data.features()
                    + " features, the network "
                    + inputSize
                    + " inputs";
        if (encoding != Encoding.RATE && encoding != Encoding.DIRECT) {
            return "input encoding " + encoding + " (RATE and DIRECT are simulated on images)";
        }
        return null;
    }

    public static dev.spikeforge.proto.AccuracyCheck measure(
            CompiledNetwork chip, LabeledImages data, FloatRun reference) {
        dev.spikeforge.proto.AccuracyCheck.Builder b =
                dev.spikeforge.proto.AccuracyCheck.newBuilder()
                        .setDataset(data.name())
                        .setSamples(data.size())
                        .setFloatAccuracy(reference.accuracy());
        for (CompiledLayer l : chip.getLayersList()) {
            if (l.getWeightBits() > SIMULATOR_MAX_WEIGHT_BITS) {
                return b.setSkipped(
                                "layer '"
                                        + l.getName()
                                        + "' has "
                                        + l.getWeightBits()
                                        + "-bit weights; the simulator stores "
                                        + SIMULATOR_MAX_WEIGHT_BITS
                                        + " (compile with --weight-bits 8 to measure)")
                        .build();
            }
        }
        int[] predictions = ChipEvaluation.run(chip, data, null).predictions();
        int agree = 0, correct = 0;
        for (int i = 0; i < data.size(); i++) {
            if (predictions[i] == reference.predictions()[i]) agree++;
            if (predictions[i] == data.label(i)) correct++;
        }
        double n = data.size();
        return b.setChipAccuracy(n == 0 ? 0 : correct / n)
                .setAgreement(n == 0 ? 0 : agree / n)
                .build();
    }

    public static dev.spikeforge.proto.AccuracyCheck skipped(String why) {
        return dev.spikeforge.proto.AccuracyCheck.newBuilder().setSkipped(why).build();
    }
}
