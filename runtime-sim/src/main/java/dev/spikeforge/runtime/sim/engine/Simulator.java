package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.runtime.sim.cost.ChipClock;
import dev.spikeforge.runtime.sim.cost.EventKind;

/**
 * Event-driven, bit-exact execution of a compiled network in its fixed-point neuron model
 * (Loihi-family CUBA LIF, bit-shift LIF or IF: the neuron module's {@link
 * dev.spikeforge.neuron.FixedNeuron}, run per segment by {@link
 * dev.spikeforge.runtime.sim.neuron.NeuronKernel}). Every connection delays by one step (plus its
 * axonal delay). Per step only the fan-out of sources that spiked is visited, and neurons with no
 * input and no state are skipped.
 *
 * <p>After every step the step's events are counted per core (the spikes' messages and synaptic ops
 * through each source's {@link Destinations}) and the {@link ChipClock} advances by the step's chip
 * time.
 *
 * <p>Not thread-safe: one simulator per sample stream. With {@link SimOptions#threads()} &gt; 1 the
 * simulator itself uses that many threads per step (the caller's plus helpers); {@link #close()}
 * stops the helpers.
 */
public final class Simulator implements AutoCloseable {
    private final SimModel model;
    private final LayerState[] states;
    private final StepWork[] work;
    private final StepThreads threads;

    /** Everything since the last clear, and the step being executed. */
    private final ActivityCounters counters;

    private final ActivityCounters stepCounts;
    private final ChipClock clock;
    private final StepOutput output;

    /** Payload 1 for every input spike of a graded network given no payloads. */
    private int[] ones = new int[0];

    private int step;

    public Simulator(CompiledNetwork network) {
        this(SimModel.of(network));
    }

    public Simulator(CompiledNetwork network, SimOptions options) {
        this(SimModel.of(network, options));
    }

    /**
     * A simulator on a shared model: only the state (registers, delay lines, counters, clock) is
     * its own.
     */
    public Simulator(SimModel model) {
        this.model = model;
        int n = model.layers.length;
        this.states = new LayerState[n];
        for (int l = 0; l < n; l++) states[l] = new LayerState(model.layers[l]);
        int t = model.options.threads();
        this.work = new StepWork[t];
        for (int i = 0; i < t; i++) work[i] = new StepWork(model, states);
        this.threads = t > 1 ? new StepThreads(work, model.layers, "spikeforge-sim") : null;
        this.counters = new ActivityCounters(model.cores, n);
        this.stepCounts = new ActivityCounters(model.cores, n);
        this.clock = model.newClock();
        LayerModel last = model.layers[n - 1];
        this.output = new StepOutput(last.size, last.readout);
    }

    public SimModel model() {
        return model;
    }

    /**
     * The network's description (profile, layer parameters, cores, routes) without its synapse
     * arrays.
     */
    public CompiledNetwork network() {
        return model.network;
    }

    public int inputs() {
        return model.inputSize;
    }

    public int outputs() {
        return model.layers[model.layers.length - 1].size;
    }

    public int layerCount() {
        return model.layers.length;
    }

    /** The step the next call to {@link #step} executes. */
    public int currentStep() {
        return step;
    }

    /**
     * Clears neuron state and pending synaptic input (a new sample); counters and the clock are
     * kept until cleared.
     */
    public void reset() {
        if (threads != null) threads.flush();
        for (LayerState s : states) s.reset();
        step = 0;
        clock.startRun();
    }

    /** Event counts since the last {@code counters().clear()} (live: read between steps). */
    public ActivityCounters counters() {
        return counters;
    }

    /** Chip time since the last {@code clock().clear()}. */
    public ChipClock clock() {
        return clock;
    }

    /** The last step's event counts per core (live: overwritten by the next step). */
    public ActivityCounters lastStepCounts() {
        return stepCounts;
    }

    /**
     * Executes one step with the given input axons spiking ({@code inputSpikes[0 .. count)}). The
     * returned object is reused by the next call. On a network with graded input every spike
     * carries payload 1.
     */
    public StepOutput step(int[] inputSpikes, int count) {
        return step(inputSpikes, null, count);
    }

    /**
     * Executes one step with input axon {@code axons[k]} spiking with payload {@code payloads[k]}
     * for k < count (graded input: each synapse adds weight × payload; null: payload 1 for every
     * spike). The returned object is reused by the next call.
     */
    public StepOutput step(int[] axons, int[] payloads, int count) {
        int inputs = model.inputSize;
        for (int k = 0; k < count; k++) {
            int a = axons[k];
            if (a < 0 || a >= inputs) {
                throw new IllegalArgumentException(
                        "input spike to axon "
                                + a
                                + " at step "
                                + step
                                + ": the network has "
                                + inputs
                                + " input axons");
            }
        }
        int[] pay = payloads(payloads, count);
        if (threads == null) {
            work[0].update(step);
            work[0].deliver(step, axons, pay, count);
        } else {
            threads.step(step, axons, pay, count);
        }
        account(axons, count);
        LayerModel lastModel = model.layers[model.layers.length - 1];
        LayerState last = states[lastModel.index];
        output.capture(
                step,
                last.spikeList[step & 1],
                last.spikeCount[step & 1],
                lastModel.readout ? last.neurons.v : null);
        step++;
        return output;
    }

    /**
     * The payloads the input connection reads: checked against the input's width, or ones, or null
     * when binary.
     */
    private int[] payloads(int[] given, int count) {
        int bits = model.inputPayloadBits();
        if (bits == 0) {
            if (given != null) {
                for (int k = 0; k < count; k++) {
                    if (given[k] != 1) {
                        throw new IllegalArgumentException(
                                "input spike "
                                        + k
                                        + " at step "
                                        + step
                                        + " carries payload "
                                        + given[k]
                                        + " but network '"
                                        + model.network.getName()
                                        + "' takes binary input spikes (input_payload.mode"
                                        + " INPUT_SPIKES)");
                    }
                }
            }
            return null;
        }
        if (given == null) {
            if (ones.length < count) {
                ones = new int[Math.max(count, 2 * ones.length)];
                java.util.Arrays.fill(ones, 1);
            }
            return ones;
        }
        long max = (1L << (bits - 1)) - 1, min = -(1L << (bits - 1));
        for (int k = 0; k < count; k++) {
            if (given[k] < min || given[k] > max) {
                throw new IllegalArgumentException(
                        "input spike "
                                + k
                                + " at step "
                                + step
                                + " carries payload "
                                + given[k]
                                + ", outside the "
                                + bits
                                + "-bit range "
                                + min
                                + ".."
                                + max
                                + " of network '"
                                + model.network.getName()
                                + "'");
            }
        }
        return given;
    }

    /**
     * Counts the step's events per core, advances the clock by the step and adds the step to the
     * counters.
     */
    private void account(int[] input, int inputCount) {
        ActivityCounters s = stepCounts;
        s.clear();
        for (StepWork w : work) w.drainInto(s);
        long[] access = s.count[EventKind.NEURON_ACCESS.ordinal()];
        System.arraycopy(model.neuronsOnCore, 0, access, 0, access.length);
        Destinations[] host = model.destinations[0];
        MessageAccounting.hostSpikes(host, input, inputCount, s);
        s.inputSpikes = inputCount;
        int parity = step & 1;
        for (int l = 0; l < states.length; l++) {
            LayerState st = states[l];
            Destinations[] d = model.destinations[l + 1];
            int[] coreOf = model.layers[l].coreOf;
            int[][] lists = st.spikeList[parity];
            if (d.length == 0) continue;
            for (int p = 0; p < lists.length; p++)
                MessageAccounting.spikes(d, lists[p], st.spikeCount[parity][p], coreOf, s);
        }
        s.steps = 1;
        clock.step(s.count);
        counters.add(s);
    }

    /** Membrane potentials of layer l (live view, for probes and tests). */
    public int[] voltages(int l) {
        return states[l].neurons.v;
    }

    public int[] currents(int l) {
        return states[l].neurons.u;
    }

    public boolean[] spikes(int l) {
        return states[l].neurons.spikes;
    }

    /**
     * Steps each neuron of layer l has left in its refractory period (live view); null when the
     * layer has none.
     */
    public int[] refractory(int l) {
        return states[l].neurons.refractory;
    }

    /**
     * Writes the neurons of layer l that spiked on the last step into {@code out} (ascending);
     * returns how many.
     */
    public int spikedNeurons(int l, int[] out) {
        LayerState s = states[l];
        int parity = (step - 1) & 1, n = 0;
        if (step == 0) return 0;
        for (int p = 0; p < s.spikeList[parity].length; p++) {
            int c = s.spikeCount[parity][p];
            System.arraycopy(s.spikeList[parity][p], 0, out, n, c);
            n += c;
        }
        return n;
    }

    /** Size of layer l. */
    public int layerSize(int l) {
        return model.layers[l].size;
    }

    /** Stops the helper threads of a multi-threaded simulator (nothing to do for one thread). */
    @Override
    public void close() {
        if (threads != null) threads.close();
    }
}
