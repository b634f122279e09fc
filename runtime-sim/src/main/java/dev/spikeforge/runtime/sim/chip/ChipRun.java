package dev.spikeforge.runtime.sim.chip;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.runtime.sim.cost.TimingReport;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;
import dev.spikeforge.runtime.sim.engine.SimModel;
import dev.spikeforge.runtime.sim.probe.Recording;
import dev.spikeforge.runtime.sim.probe.Signal;
import dev.spikeforge.runtime.sim.run.SampleResult;
import java.util.List;

/**
 * The outcome of one run of an {@link EmulatedChip}: the output layer's spikes, its readout, every
 * counter the energy model uses, the energy itself and what the probes recorded.
 */
public final class ChipRun {
    private final SimModel model;
    private final CompiledNetwork network;
    private final int steps;
    private final List<SpikeEvent> outputSpikes;
    private final int[] readout;
    private final ActivityCounters counters;
    private final TimingReport timing;
    private final Recording recording;
    private EnergyBreakdown energy;

    ChipRun(
            SimModel model,
            int steps,
            List<SpikeEvent> outputSpikes,
            int[] readout,
            ActivityCounters counters,
            TimingReport timing,
            Recording recording) {
        this.model = model;
        this.network = model.network();
        this.steps = steps;
        this.outputSpikes = List.copyOf(outputSpikes);
        this.readout = readout;
        this.counters = counters;
        this.timing = timing;
        this.recording = recording;
    }

    public int steps() {
        return steps;
    }

    /** Spikes of the last layer, in step order (ascending neuron within a step). */
    public List<SpikeEvent> outputSpikes() {
        return outputSpikes;
    }

    public int outputSpikeCount() {
        return outputSpikes.size();
    }

    /** Output spikes per output neuron. */
    public long[] outputSpikeCounts() {
        long[] c = new long[network.getLayers(network.getLayersCount() - 1).getSize()];
        for (SpikeEvent e : outputSpikes) c[e.neuron()]++;
        return c;
    }

    /** Spikes of every neuron of the chip (all layers). */
    public long spikeCount() {
        return counters.totalSpikes();
    }

    /** Spikes of one layer, by name. */
    public long spikeCount(String layer) {
        for (int l = 0; l < network.getLayersCount(); l++)
            if (network.getLayers(l).getName().equals(layer)) return counters.layerSpikes(l);
        throw new IllegalArgumentException("no layer named '" + layer + "'");
    }

    public long synapticOps() {
        return counters.totalSynapticOps();
    }

    public long neuronUpdates() {
        return counters.totalNeuronUpdates();
    }

    public long hops() {
        return counters.totalHops();
    }

    public ActivityCounters counters() {
        return counters;
    }

    /** Total energy of the run in joules (counts × the profile's figures + static). */
    public double energyJ() {
        return energy().total().totalJ();
    }

    /** Energy by core and layer, with the ANN comparison (fp32 MACs at 4.6 pJ). */
    public EnergyBreakdown energy() {
        if (energy == null) energy = energy(AnnComparison.FP32_MAC_J);
        return energy;
    }

    /** The same with the fp32 MAC energy of the ANN comparison given. */
    public EnergyBreakdown energy(double annMacJ) {
        return EnergyBreakdown.of(model, counters, timing, 1, annMacJ);
    }

    /**
     * How long the run took on the chip: chip time with its band, step times, busy time per core,
     * bottleneck.
     */
    public TimingReport timing() {
        return timing;
    }

    /** Readout potentials after the last step, or null when the last layer spikes. */
    public int[] readout() {
        return readout == null ? null : readout.clone();
    }

    /** The class: argmax of the readout, or of the output spike counts (lowest index on ties). */
    public int prediction() {
        if (readout != null) {
            long[] s = new long[readout.length];
            for (int i = 0; i < s.length; i++) s[i] = readout[i];
            return SampleResult.argmax(s);
        }
        return SampleResult.argmax(outputSpikeCounts());
    }

    public Recording recording() {
        return recording;
    }

    /**
     * Recorded voltage of one neuron, one value per step (the layer must have been probed for
     * voltage).
     */
    public int[] voltage(String layer, int neuron) {
        return recording.of(layer).traceOf(Signal.VOLTAGE, neuron);
    }

    /** Output spikes as [step, neuron] pairs (the form the JSON summary prints). */
    public int[][] outputSpikePairs() {
        int[][] out = new int[outputSpikes.size()][];
        for (int k = 0; k < out.length; k++)
            out[k] = new int[] {outputSpikes.get(k).step(), outputSpikes.get(k).neuron()};
        return out;
    }
}
