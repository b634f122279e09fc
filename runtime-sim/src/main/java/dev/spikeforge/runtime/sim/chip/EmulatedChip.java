package dev.spikeforge.runtime.sim.chip;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;
import dev.spikeforge.runtime.sim.engine.SimModel;
import dev.spikeforge.runtime.sim.engine.SimOptions;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;
import dev.spikeforge.runtime.sim.probe.ActivityTrace;
import dev.spikeforge.runtime.sim.probe.Probe;
import dev.spikeforge.runtime.sim.probe.Recorder;
import dev.spikeforge.runtime.sim.probe.Recording;
import dev.spikeforge.runtime.sim.run.BatchRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled network on a simulated chip, for tests and scripts:
 *
 * <pre>
 *   EmulatedChip chip = EmulatedChip.load(Path.of("net.sfc")).record(Probe.voltage("hidden", 0, 1));
 *   ChipRun run = chip.run(SpikeInput.builder(chip.inputs()).every(0, 20, 3).build());
 *   assertEquals(List.of(new SpikeEvent(5, 0)), run.outputSpikes());
 * </pre>
 *
 * Every run starts from reset state with its own counters, so runs do not influence each other.
 */
public final class EmulatedChip implements AutoCloseable {
    private final SimModel model;
    private final List<Probe> probes = new ArrayList<>();
    private boolean activity;
    private Simulator sim;

    private EmulatedChip(SimModel model) {
        this.model = model;
    }

    /** Loads a compiled network (artifact file or its JSON form). */
    public static EmulatedChip load(Path file) {
        return of(NetworkFiles.load(file));
    }

    public static EmulatedChip of(CompiledNetwork network) {
        return new EmulatedChip(SimModel.of(network));
    }

    /** With simulator options: threads per step and kernel choice. */
    public static EmulatedChip of(CompiledNetwork network, SimOptions options) {
        return new EmulatedChip(SimModel.of(network, options));
    }

    /** On an already laid-out model (shared, e.g. with other chips). */
    public static EmulatedChip of(SimModel model) {
        return new EmulatedChip(model);
    }

    /** Adds probes recorded by every following run. */
    public EmulatedChip record(Probe... p) {
        for (Probe probe : p) {
            model.layerIndex(
                    probe.layer()); // fail now, naming the layers, rather than at the first run
            probes.add(probe);
        }
        return this;
    }

    /**
     * Also records every step's counts per core (see {@link ActivityTrace}); slower, for
     * inspection.
     */
    public EmulatedChip recordActivity() {
        activity = true;
        return this;
    }

    public CompiledNetwork network() {
        return model.network();
    }

    public ChipProfile profile() {
        return model.network().getProfile();
    }

    public SimModel model() {
        return model;
    }

    public int inputs() {
        return model.inputs();
    }

    public int outputs() {
        return model.layerSize(model.layerCount() - 1);
    }

    /** Runs the input for its own length. */
    public ChipRun run(SpikeInput input) {
        return run(input, input.steps());
    }

    /** Runs {@code steps} steps (input past its end is silent). */
    public ChipRun run(SpikeInput input, int steps) {
        if (sim == null) sim = new Simulator(model);
        return runOn(sim, input, steps);
    }

    /**
     * Runs independent inputs on {@code threads} threads (one simulator each); results in input
     * order, identical for any thread count.
     */
    public List<ChipRun> runAll(List<SpikeInput> inputs, int threads) {
        if (model.options().threads() != 1) {
            throw new IllegalArgumentException(
                    "runAll gives each thread its own simulator: load the chip with threads = 1 (it"
                            + " has "
                            + model.options().threads()
                            + ")");
        }
        SimModel batchModel = model;
        return BatchRunner.run(
                        batchModel,
                        inputs.size(),
                        threads,
                        (s, i) -> runOn(s, inputs.get(i), inputs.get(i).steps()),
                        null)
                .results();
    }

    private ChipRun runOn(Simulator s, SpikeInput input, int steps) {
        if (input.inputs() != model.inputs()) {
            throw new IllegalArgumentException(
                    "the input has "
                            + input.inputs()
                            + " axons but network '"
                            + model.network().getName()
                            + "' has "
                            + model.inputs());
        }
        s.reset();
        s.counters().clear();
        s.clock().clear();
        Recorder rec = probes.isEmpty() ? null : new Recorder(s, probes);
        ActivityTrace act = activity ? new ActivityTrace(s.model().cores()) : null;
        List<SpikeEvent> out = new ArrayList<>();
        StepOutput o = null;
        for (int t = 0; t < steps; t++) {
            int[] in = input.at(t);
            o = s.step(in, input.payloadsAt(t), in.length);
            for (int k = 0; k < o.spikeCount(); k++) out.add(new SpikeEvent(t, o.spike(k)));
            if (rec != null) rec.capture();
            if (act != null) act.capture(s.lastStepCounts(), s.clock());
        }
        int[] readout = o != null && o.hasReadout() ? o.readout().clone() : null;
        ActivityCounters c = s.counters().copy();
        Recording recording =
                rec != null
                        ? rec.recording(act)
                        : act != null ? new Recording(List.of(), act) : Recording.EMPTY;
        return new ChipRun(model, steps, out, readout, c, s.clock().report(1), recording);
    }

    @Override
    public void close() {
        if (sim != null) sim.close();
    }
}
