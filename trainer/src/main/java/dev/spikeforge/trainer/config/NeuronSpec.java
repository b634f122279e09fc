package dev.spikeforge.trainer.config;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.trainer.ConfigException;
import java.util.Objects;

/**
 * The neuron parameters every spiking layer starts from, and which of them training may change.
 * Leaks start on the chip's 12-bit grid; learned ones are moved back onto it when the network is
 * exported.
 *
 * @param du current decay (1 = no synaptic memory)
 * @param dv voltage decay
 * @param readoutDv the readout's voltage decay (0 = the final score is the plain sum of its input)
 * @param learnLeaks train du and dv of every layer (one value per layer), the readout's too
 * @param learnThresholds train the threshold of every spiking layer (one value per layer)
 */
public record NeuronSpec(
        double du,
        double dv,
        double threshold,
        Reset reset,
        double readoutDv,
        boolean learnLeaks,
        boolean learnThresholds) {

    public NeuronSpec {
        Objects.requireNonNull(reset, "reset");
        if (!(du >= 0 && du <= 1)) throw new ConfigException("du", "must be in [0, 1], got " + du);
        if (!(dv >= 0 && dv <= 1)) throw new ConfigException("dv", "must be in [0, 1], got " + dv);
        if (!(threshold > 0) || !Double.isFinite(threshold))
            throw new ConfigException("threshold", "must be > 0, got " + threshold);
        if (!(readoutDv >= 0 && readoutDv <= 1))
            throw new ConfigException("readout_dv", "must be in [0, 1], got " + readoutDv);
    }

    public NeuronSpec withDu(double v) {
        return new NeuronSpec(v, dv, threshold, reset, readoutDv, learnLeaks, learnThresholds);
    }

    public NeuronSpec withDv(double v) {
        return new NeuronSpec(du, v, threshold, reset, readoutDv, learnLeaks, learnThresholds);
    }

    public NeuronSpec withThreshold(double v) {
        return new NeuronSpec(du, dv, v, reset, readoutDv, learnLeaks, learnThresholds);
    }

    public NeuronSpec withReset(Reset v) {
        return new NeuronSpec(du, dv, threshold, v, readoutDv, learnLeaks, learnThresholds);
    }

    public NeuronSpec withReadoutDv(double v) {
        return new NeuronSpec(du, dv, threshold, reset, v, learnLeaks, learnThresholds);
    }

    public NeuronSpec withLearnLeaks(boolean v) {
        return new NeuronSpec(du, dv, threshold, reset, readoutDv, v, learnThresholds);
    }

    public NeuronSpec withLearnThresholds(boolean v) {
        return new NeuronSpec(du, dv, threshold, reset, readoutDv, learnLeaks, v);
    }

    /**
     * The spiking neurons' initial parameters, on the fixed-point grid so the chip represents them
     * exactly.
     */
    public FloatLif hidden() {
        return new FloatLif(du, dv, threshold, reset).snappedToFixedGrid();
    }

    /** The readout's: integrates only, so its threshold is never used. */
    public FloatLif readout() {
        return new FloatLif(1.0, readoutDv, 1.0, Reset.TO_ZERO).snappedToFixedGrid();
    }
}
