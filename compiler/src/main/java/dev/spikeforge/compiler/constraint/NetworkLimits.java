package dev.spikeforge.compiler.constraint;

import static dev.spikeforge.compiler.constraint.ConstraintViolation.*;

import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits of the whole network that no partition changes: weight width, inputs, outputs and reset
 * kinds.
 */
public final class NetworkLimits {
    /**
     * Least weight width when a profile does not say: 2 bits (ternary) is the least with a zero.
     */
    public static final int DEFAULT_MIN_WEIGHT_BITS = 2;

    private NetworkLimits() {}

    public static int minWeightBits(ChipProfile p) {
        return p.getMinWeightBits() == 0 ? DEFAULT_MIN_WEIGHT_BITS : p.getMinWeightBits();
    }

    public static List<ConstraintViolation> violations(
            List<FloatLayer> layers, int inputSize, int bits, ChipProfile p) {
        return violations(layers, inputSize, bits, p, Encoding.RATE, InputMode.INPUT_SPIKES);
    }

    /**
     * Every network-wide limit broken, for input of {@code encoding} reaching the chip as {@code
     * mode}: analog (DIRECT) input needs graded spikes or a host-side first layer, graded spikes
     * need a chip that has them.
     */
    public static List<ConstraintViolation> violations(
            List<FloatLayer> layers,
            int inputSize,
            int bits,
            ChipProfile p,
            Encoding encoding,
            InputMode mode) {
        List<ConstraintViolation> v = new ArrayList<>();
        if (encoding == Encoding.SEQUENTIAL) {
            v.add(
                    new ConstraintViolation(
                            NETWORK,
                            INPUT_MODE,
                            1,
                            0,
                            "SEQUENTIAL (row by row) input is not run on chips: train with "
                                    + "--encoding direct, rate or latency"));
        } else if (encoding == Encoding.DIRECT && mode == InputMode.INPUT_SPIKES) {
            v.add(
                    new ConstraintViolation(
                            NETWORK,
                            INPUT_MODE,
                            1,
                            0,
                            "DIRECT (analog) input cannot be binary spikes: compile with"
                                + " --input-mode graded (a chip with graded spikes) or host (the"
                                + " first layer on the host), or train with --encoding rate"));
        }
        if (mode == InputMode.INPUT_GRADED && p.getGradedSpikeBits() == 0) {
            v.add(
                    new ConstraintViolation(
                            NETWORK,
                            GRADED_SPIKES,
                            1,
                            0,
                            "the chip has no graded spikes: compile with --input-mode host (the"
                                + " first layer on the host) or target a chip with them (loihi2)"));
        }
        if (bits > p.getWeightBits()) {
            v.add(
                    new ConstraintViolation(
                            NETWORK,
                            WEIGHT_BITS,
                            bits,
                            p.getWeightBits(),
                            "request at most the profile's weight bits"));
        }
        if (bits < minWeightBits(p)) {
            v.add(
                    new ConstraintViolation(
                            NETWORK,
                            MIN_WEIGHT_BITS,
                            bits,
                            minWeightBits(p),
                            "the chip stores no narrower weights; request at least "
                                    + minWeightBits(p)
                                    + " bits"));
        }
        if (p.getMaxInputChannels() > 0 && inputSize > p.getMaxInputChannels()) {
            v.add(
                    new ConstraintViolation(
                            NETWORK,
                            INPUT_CHANNELS,
                            inputSize,
                            p.getMaxInputChannels(),
                            "the chip has this many input channels; reduce the input (downsample or"
                                    + " select features)"));
        }
        FloatLayer last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (last != null && p.getMaxOutputNeurons() > 0 && last.size() > p.getMaxOutputNeurons()) {
            v.add(
                    new ConstraintViolation(
                            last.name(),
                            OUTPUT_NEURONS,
                            last.size(),
                            p.getMaxOutputNeurons(),
                            "the chip has this many output neurons; make the last layer smaller"));
        }
        for (FloatLayer l : layers) {
            if (!l.readout()
                    && p.getResetModesCount() > 0
                    && !p.getResetModesList().contains(l.neuron().getReset())) {
                v.add(
                        new ConstraintViolation(
                                l.name(),
                                RESET_MODE,
                                l.neuron().getResetValue(),
                                p.getResetModes(0).getNumber(),
                                l.neuron().getReset()
                                        + " is not supported; the chip has "
                                        + p.getResetModesList()
                                        + ": retrain with that reset"));
            }
        }
        return v;
    }
}
