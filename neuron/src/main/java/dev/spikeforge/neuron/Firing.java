package dev.spikeforge.neuron;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;
import static dev.spikeforge.neuron.FixedPoint.MAX_STATE;

import java.util.Arrays;

/**
 * When a fixed-point neuron fires and what a spike does to it, the same in every model of {@link
 * FixedNeuron}: a neuron spikes when v &gt; vth_mant &lt;&lt; 6 (one mantissa for the layer, or one
 * per neuron), never in a readout; the spike sets v to 0 ({@link Reset#TO_ZERO}) or subtracts the
 * threshold ({@link Reset#BY_SUBTRACTION}); with a refractory period of r steps the neuron then
 * keeps that v and cannot spike for the next r steps, while its current keeps integrating. A graded
 * neuron's spike carries a payload, v &gt;&gt; 6 at the step it fires (before the reset): with
 * threshold 1 (64) and no leak, a sum-pooling neuron passes on how many of its inputs spiked.
 *
 * <p>A layer with per-neuron thresholds keeps an array, any other one scalar, so the uniform case's
 * firing test stays a compare against a constant (an array of equal thresholds was not shown to
 * cost nothing; see docs/benchmarks.md, "Per-neuron thresholds").
 */
public final class Firing {
    /** The largest threshold mantissa: vth_mant &lt;&lt; 6 must stay a 24-bit state value. */
    public static final int MAX_VTH_MANT = MAX_STATE >> ACT_SHIFT;

    private final int vthMant;
    private final int[] vthMants;

    /** Effective threshold of every neuron; 0 when {@link #vths} is set. */
    final int vth;

    /** Effective threshold of each neuron, or null when all share {@link #vth}. */
    final int[] vths;

    final Reset reset;
    final boolean readout;
    final int refractorySteps;

    /**
     * A graded neuron's spike carries v &gt;&gt; 6 at the step it fires (before the reset) as its
     * payload.
     */
    final boolean graded;

    private Firing(
            int vthMant,
            int[] vthMants,
            Reset reset,
            boolean readout,
            int refractorySteps,
            boolean graded) {
        if (reset == null) throw new IllegalArgumentException("reset must be given");
        if (refractorySteps < 0)
            throw new IllegalArgumentException(
                    "refractory_steps must be >= 0, got " + refractorySteps);
        this.vthMant = vthMant;
        this.vthMants = vthMants;
        this.reset = reset;
        this.readout = readout;
        this.refractorySteps = refractorySteps;
        this.graded = graded;
        if (graded && readout)
            throw new IllegalArgumentException("a readout never spikes, so it cannot be graded");
        if (vthMants == null) {
            this.vth = effective(vthMant, "vth_mant");
            this.vths = null;
        } else {
            this.vth = 0;
            this.vths = new int[vthMants.length];
            for (int n = 0; n < vthMants.length; n++)
                vths[n] = effective(vthMants[n], "vth_mants[" + n + "]");
        }
    }

    /** A spiking layer with one threshold and no refractory period. */
    public static Firing of(int vthMant, Reset reset) {
        return of(vthMant, reset, false, 0);
    }

    /** One threshold mantissa for every neuron. */
    public static Firing of(int vthMant, Reset reset, boolean readout, int refractorySteps) {
        return new Firing(vthMant, null, reset, readout, refractorySteps, false);
    }

    /** One threshold mantissa per neuron ({@code vthMants[n]} for neuron n). */
    public static Firing perNeuron(
            int[] vthMants, Reset reset, boolean readout, int refractorySteps) {
        return new Firing(0, vthMants.clone(), reset, readout, refractorySteps, false);
    }

    /**
     * The same firing rule with graded spikes: each spike carries v &gt;&gt; 6 (before the reset)
     * as its payload.
     */
    public Firing graded() {
        return new Firing(vthMant, vthMants, reset, readout, refractorySteps, true);
    }

    /** Whether a spike carries a payload ({@link NeuronState#payload}). */
    public boolean isGraded() {
        return graded;
    }

    private static int effective(int mant, String field) {
        if (mant <= 0 || mant > MAX_VTH_MANT) {
            throw new IllegalArgumentException(
                    field + " must be in [1, " + MAX_VTH_MANT + "], got " + mant);
        }
        return FixedPoint.effectiveThreshold(mant);
    }

    /** The layer's threshold mantissa; 0 when the thresholds are per neuron. */
    public int vthMant() {
        return vthMant;
    }

    /** The per-neuron threshold mantissas (a copy), or null when the layer has one. */
    public int[] vthMants() {
        return vthMants == null ? null : vthMants.clone();
    }

    /** Neuron n's effective threshold, vth_mant &lt;&lt; 6. */
    public int threshold(int n) {
        return vths == null ? vth : vths[n];
    }

    public Reset reset() {
        return reset;
    }

    /** A readout integrates and never spikes; its final v is the score. */
    public boolean readout() {
        return readout;
    }

    public int refractorySteps() {
        return refractorySteps;
    }

    @Override
    public String toString() {
        return "Firing["
                + (vthMants == null
                        ? "vth_mant=" + vthMant
                        : "vth_mants=" + Arrays.toString(vthMants))
                + ", reset="
                + reset
                + (readout ? ", readout" : "")
                + (refractorySteps > 0 ? ", refractory_steps=" + refractorySteps : "")
                + (graded ? ", graded" : "")
                + "]";
    }
}
