package dev.spikeforge.compiler.constraint;

import static dev.spikeforge.compiler.constraint.ConstraintViolation.*;

import dev.spikeforge.compiler.layers.ChipLayers;
import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.compiler.layers.Sources;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.InputMode;
import java.util.ArrayList;
import java.util.List;

/**
 * What residual (multi-source) layers need of a chip beyond what each connection needs: a pooled
 * map summed with unpooled ones is read through a pooling layer (graded spikes), the summed sources
 * must reach the layer on the same step, and analog input is a payload only the first layer takes.
 */
public final class ResidualLimits {
    private ResidualLimits() {}

    /**
     * @param trained the trained layers (sources as trained indices)
     * @param chip the layers as the chip would run them
     * @param mode how the input reaches the chip
     */
    public static List<ConstraintViolation> violations(
            List<FloatLayer> trained, ChipLayers chip, ChipProfile p, InputMode mode) {
        List<ConstraintViolation> v = new ArrayList<>();
        for (FloatLayer d : trained) {
            Sources s = d.sources();
            if (p.getGradedSpikeBits() == 0) {
                for (int k = 0; k < s.count(); k++) {
                    if (s.window(k) == null) continue;
                    String pooled = trained.get(s.layer(k)).name();
                    v.add(
                            new ConstraintViolation(
                                    d.name(),
                                    POOLED_SOURCE,
                                    1,
                                    0,
                                    "it sums the pooled map of layer '"
                                            + pooled
                                            + "' with unpooled sources, which the chip can only do"
                                            + " through a pooling layer whose graded spikes carry"
                                            + " each window's count, and it has no graded spikes:"
                                            + " target a chip with them (loihi2), or retrain with a"
                                            + " strided conv in place of that pooling (e.g. --conv"
                                            + " 16x3p1s2)"));
                }
            }
            if (d.index() > 0 && s.reads(-1) && mode != InputMode.INPUT_SPIKES) {
                v.add(
                        new ConstraintViolation(
                                d.name(),
                                INPUT_MODE,
                                1,
                                0,
                                "it reads the input, which reaches the chip as "
                                        + (mode == InputMode.INPUT_HOST
                                                ? "the host layer's spikes"
                                                : "graded payloads")
                                        + " for the first layer only: retrain with rate-coded input"
                                        + " (--encoding rate) or without the input among its"
                                        + " sources"));
            }
        }
        for (String name : chip.unevenlyLate()) {
            v.add(
                    new ConstraintViolation(
                            name,
                            SOURCE_DELAY,
                            1,
                            0,
                            "its sources reach it through different numbers of pooling layers (one"
                                + " step of delay each), so the chip would sum them on different"
                                + " steps: compile with --pooling fold if those pooling layers are"
                                + " optional, or retrain so that every summed source passes the"
                                + " same poolings"));
        }
        return v;
    }
}
