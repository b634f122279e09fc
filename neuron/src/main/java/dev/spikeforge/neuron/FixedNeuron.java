package dev.spikeforge.neuron;

/**
 * The fixed-point neuron models of the Loihi-family 24-bit datapath: one step, and one leak per
 * model. As in Lava's bit-accurate LIF family (one abstract fixed-point model whose subclasses
 * change only the subthreshold dynamics), a step is
 *
 * <ol>
 *   <li>{@link #integrate}, the model's own part, over the whole range: the current and voltage
 *       leak, the input a[t] aligned by 6 bits and the bias, with u wrapping and v saturating at 24
 *       bits ({@link CubaLif}, {@link ShiftLif}, {@link IntegrateFire});
 *   <li>fire, the same for every model ({@link Firing}): a neuron in its refractory period keeps v
 *       and counts down; any other takes the new v and spikes when it exceeds its threshold (never
 *       in a readout), then v is reset and the countdown restarts.
 * </ol>
 *
 * <p>This is the code the simulator runs (its kernel calls {@link #step} once per segment of at
 * most 64 neurons), so the split is also the performance design: the leak is one virtual call per
 * range, never one per neuron; each model's {@code integrate} is a short loop the JIT compiles for
 * that model alone, and the fire loop is compiled once. The obvious alternatives were worse: a leak
 * method called per neuron from one shared loop becomes a megamorphic call per neuron as soon as a
 * process has run all three models (the JIT inlines at most two receiver types at a call site), and
 * one fused loop per model writes the skeleton three times. The price of the separate loops is
 * small (see docs/benchmarks.md, "Neuron updates run by the neuron module's models"). Passing the
 * new v from the first loop to the second costs no buffer: {@code integrate} leaves it in the input
 * slot it has just read, and fire clears the slot (a delay-line slot is read and cleared, as on the
 * chip).
 *
 * <p>Instances are immutable and may be shared by threads that step disjoint ranges of one {@link
 * NeuronState}.
 */
public abstract sealed class FixedNeuron permits CubaLif, ShiftLif, IntegrateFire {
    private final Firing firing;

    FixedNeuron(Firing firing) {
        if (firing == null) throw new IllegalArgumentException("firing must be given");
        this.firing = firing;
    }

    public final Firing firing() {
        return firing;
    }

    /**
     * Registers for {@code size} neurons of this model (with a refractory countdown when it has a
     * period).
     */
    public final NeuronState newState(int size) {
        return new NeuronState(size, firing.refractorySteps > 0, firing.graded);
    }

    /**
     * {@link #step(NeuronState, int[], int, int[], int, int, int[], int)} over the whole layer, no
     * spike list.
     */
    public final int step(NeuronState s, int[] input, int[] bias) {
        return step(s, input, 0, bias, 0, s.size(), null, 0);
    }

    /**
     * One step for neurons [from, to) of {@code s}. {@code input[n - inputBase]} is a[t] for neuron
     * n: its dendritic sum already scaled by the weight exponent ({@link
     * FixedPoint#applyWeightExponent}), before the 6-bit alignment; the step consumes it and leaves
     * those slots zero. {@code bias[n]} is the effective bias (null: none). Writes u, v, the
     * refractory countdown and z[t] into {@code s}; when {@code spikeList} is not null, appends the
     * neurons that spiked to it from position {@code spikeCount} in ascending order. Returns {@code
     * spikeCount} plus the number of spikes. Allocation-free.
     */
    public final int step(
            NeuronState s,
            int[] input,
            int inputBase,
            int[] bias,
            int from,
            int to,
            int[] spikeList,
            int spikeCount) {
        if (firing.refractorySteps > 0 && s.refractory == null) {
            throw new IllegalArgumentException(
                    "a model with a refractory period needs registers with a countdown (newState)");
        }
        if (firing.graded && s.payload == null)
            throw new IllegalArgumentException(
                    "a graded model needs registers with payloads (newState)");
        integrate(s.u, s.v, input, inputBase, bias, from, to);
        return fire(s, input, inputBase, from, to, spikeList, spikeCount);
    }

    /**
     * The model's subthreshold dynamics for neurons [from, to): updates u[n] and replaces {@code
     * io[n - ioBase]}, which holds a[t], by the new v before threshold and reset (v itself is left
     * alone, since a refractory neuron keeps it).
     */
    abstract void integrate(int[] u, int[] v, int[] io, int ioBase, int[] bias, int from, int to);

    private int fire(NeuronState s, int[] io, int ioBase, int from, int to, int[] list, int count) {
        final int[] v = s.v,
                refr = s.refractory,
                vths = firing.vths,
                payload = firing.graded ? s.payload : null;
        final boolean[] z = s.spikes;
        final int vth = firing.vth, period = firing.refractorySteps;
        final boolean spiking = !firing.readout, subtract = firing.reset == Reset.BY_SUBTRACTION;
        for (int n = from; n < to; n++) {
            int i = n - ioBase;
            int vn = io[i];
            io[i] = 0;
            boolean spike = false;
            if (refr != null && refr[n] > 0) {
                refr[n]--;
            } else {
                int th = vths == null ? vth : vths[n];
                if (spiking && vn > th) {
                    spike = true;
                    if (payload != null) payload[n] = vn >> FixedPoint.ACT_SHIFT;
                    vn = subtract ? vn - th : 0;
                    if (refr != null) refr[n] = period;
                    if (list != null) list[count] = n;
                    count++;
                }
                v[n] = vn;
            }
            z[n] = spike;
        }
        return count;
    }
}
