package dev.spikeforge.sim.network;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.sim.synapse.SynapsePartition;

/**
 * Event-driven, bit-exact execution of a compiled network in its fixed-point neuron model (Loihi-family CUBA LIF,
 * bit-shift LIF or IF: the neuron module's {@link dev.spikeforge.neuron.FixedNeuron}, run per segment by
 * {@link dev.spikeforge.sim.neuron.NeuronKernel}). Every connection delays by one step
 * (plus its axonal delay). Per step only the fan-out of sources that spiked is visited, and neurons with no input
 * and no state are skipped.
 *
 * <p>Not thread-safe: one simulator per sample stream. With {@link SimOptions#threads()} &gt; 1 the simulator itself
 * uses that many threads per step (the caller's plus helpers); {@link #close()} stops the helpers.
 */
public final class Simulator implements AutoCloseable {
    private final SimModel model;
    private final LayerState[] states;
    private final StepWork[] work;
    private final StepThreads threads;
    private final ActivityCounters counters;
    private final StepOutput output;
    private final int[] inputTally;
    private boolean countsPending;
    private boolean opsPending;
    private long stepsSinceOpsFold;
    private int step;

    public Simulator(CompiledNetwork network) {
        this(SimModel.of(network));
    }

    public Simulator(CompiledNetwork network, SimOptions options) {
        this(SimModel.of(network, options));
    }

    /** A simulator on a shared model: only the state (registers, delay lines, counters) is its own. */
    public Simulator(SimModel model) {
        this.model = model;
        int n = model.layers.length;
        this.states = new LayerState[n];
        for (int l = 0; l < n; l++) states[l] = new LayerState(model.layers[l]);
        int t = model.options.threads();
        this.work = new StepWork[t];
        for (int i = 0; i < t; i++) work[i] = new StepWork(model, states);
        this.threads = t > 1 ? new StepThreads(work, model.layers, "spikeforge-sim") : null;
        this.inputTally = new int[model.inputSize];
        this.counters = new ActivityCounters(model.cores, n, new ActivityCounters.Source() {
            @Override
            public void foldCounts(ActivityCounters c) {
                if (threads != null) threads.flush();
                if (!countsPending) return;
                for (StepWork w : work) w.foldInto(c);
                countsPending = false;
            }

            @Override
            public void foldSynapticOps(ActivityCounters c) {
                foldOps(c);
            }
        });
        LayerModel last = model.layers[n - 1];
        this.output = new StepOutput(last.size, last.readout);
    }

    public SimModel model() {
        return model;
    }

    /** The network's description (profile, layer parameters, cores, routes) without its synapse arrays. */
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

    /** Clears neuron state and pending synaptic input (a new sample); counters are kept until cleared. */
    public void reset() {
        // Spikes a multi-threaded step held back still count as synaptic ops of the run before the reset.
        if (threads != null) threads.flush();
        for (LayerState s : states) s.reset();
        step = 0;
    }

    public ActivityCounters counters() {
        return counters;
    }

    /**
     * Executes one step with the given input axons spiking ({@code inputSpikes[0 .. count)}). The returned object
     * is reused by the next call.
     */
    public StepOutput step(int[] inputSpikes, int count) {
        int inputs = model.inputSize;
        for (int k = 0; k < count; k++) {
            int a = inputSpikes[k];
            if (a < 0 || a >= inputs) {
                throw new IllegalArgumentException("input spike to axon " + a + " at step " + step + ": the network has " + inputs + " input axons");
            }
        }
        for (int k = 0; k < count; k++) inputTally[inputSpikes[k]]++;
        if (threads == null) {
            work[0].update(step);
            work[0].deliver(step, inputSpikes, count);
        } else {
            threads.step(step, inputSpikes, count);
        }
        countsPending = true;
        opsPending = true;
        counters.inputSpikes += count;
        counters.inputHops += count * model.inputHopsPerSpike;
        counters.steps++;
        LayerModel lastModel = model.layers[model.layers.length - 1];
        LayerState last = states[lastModel.index];
        output.capture(step, last.spikeList[step & 1], last.spikeCount[step & 1], lastModel.readout ? last.neurons.v : null);
        step++;
        // Per-neuron tallies are ints: fold them long before a neuron could have spiked 2^31 times.
        if (++stepsSinceOpsFold >= 1L << 30) foldOps(counters);
        return output;
    }

    /** Charges the spikes tallied since the last fold to the cores of their targets. */
    private void foldOps(ActivityCounters c) {
        if (!opsPending) return;
        stepsSinceOpsFold = 0;
        opsPending = false;
        charge(inputTally, model.outgoing[0], c);
        for (int l = 0; l < states.length; l++) charge(states[l].tally, model.outgoing[l + 1], c);
    }

    private void charge(int[] tally, Connection[] out, ActivityCounters c) {
        for (int i = 0; i < tally.length; i++) {
            int times = tally[i];
            if (times == 0) continue;
            tally[i] = 0;
            for (Connection con : out) {
                int[] coreOf = model.layers[con.target].coreOf;
                for (SynapsePartition p : con.parts) p.chargeCores(i, times, coreOf, c.synapticOps);
            }
        }
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

    /** Steps each neuron of layer l has left in its refractory period (live view); null when the layer has none. */
    public int[] refractory(int l) {
        return states[l].neurons.refractory;
    }

    /** Writes the neurons of layer l that spiked on the last step into {@code out} (ascending); returns how many. */
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
