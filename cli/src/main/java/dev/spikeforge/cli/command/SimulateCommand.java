package dev.spikeforge.cli.command;

import dev.spikeforge.cli.engine.DatasetEvaluation;
import dev.spikeforge.cli.engine.Engine;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.Progress;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.runtime.sim.chip.ChipRun;
import dev.spikeforge.runtime.sim.chip.EmulatedChip;
import dev.spikeforge.runtime.sim.chip.SpikeInput;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import dev.spikeforge.runtime.sim.engine.SimModel;
import dev.spikeforge.runtime.sim.engine.SimOptions;
import dev.spikeforge.runtime.sim.probe.Probe;
import dev.spikeforge.runtime.sim.probe.Signal;
import dev.spikeforge.runtime.sim.run.ChipEvaluation;
import dev.spikeforge.runtime.sim.synapse.KernelChoice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "simulate",
        description =
                "Run a compiled network bit-exactly on an input spike file (or a dataset) and"
                        + " report spikes, ops and energy.")
public final class SimulateCommand extends CommandBase {
    /**
     * Traces of unnamed layers default to their first neurons, so a big layer does not flood the
     * files.
     */
    static final int DEFAULT_TRACED_NEURONS = 16;

    @Parameters(
            index = "0",
            paramLabel = "CHIP",
            description = "Compiled network (artifact or its JSON form).")
    Path chip;

    @Option(
            names = "--input",
            paramLabel = "SPIKES",
            description =
                    "Input spikes: CSV lines 'step,neuron' or JSON lines"
                            + " {\"step\":S,\"neuron\":N}.")
    Path input;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description = "Steps to run (default: the network's steps per sample).")
    Integer steps;

    @Mixin SpikeFileOptions spikeFile;

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            description =
                    "Instead of --input: run a dataset (fashion-mnist test set) and report"
                            + " accuracy.")
    String dataset;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Directory of the dataset's IDX files.")
    Path dataDir;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "Use only the first N samples of the dataset.")
    int limit;

    @Option(
            names = "--record",
            paramLabel = "WHAT",
            description =
                    "Record spikes, voltage and/or current of the probed neurons, "
                            + "and/or activity (per-step, per-core counts); comma-separated.")
    String record;

    @Option(
            names = "--probe",
            paramLabel = "LAYER[:N-M,K]",
            description =
                    "Neurons to record (repeatable). Default with --record: every layer; "
                            + "traces of the first "
                            + DEFAULT_TRACED_NEURONS
                            + " neurons of each.")
    List<String> probes = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Write output_spikes.csv, the recordings (CSV, JSON), PNG plots and"
                            + " summary.json here.")
    Path out;

    @Option(
            names = "--threads",
            paramLabel = "T",
            defaultValue = "1",
            description = "Threads: per step with --input, over samples with --dataset.")
    int threads;

    @Option(
            names = "--kernel",
            paramLabel = "K",
            defaultValue = "auto",
            description =
                    "Synapse kernel: auto (dense rows when dense enough, else sparse), sparse"
                            + " (event-driven, the smallest layout per partition), dense,"
                            + " sparse_indexed (3 B/synapse), sparse_delta8 (2 B) or sparse_delta12"
                            + " (2.5 B).")
    String kernel;

    @Option(
            names = "--ann-mac-j",
            paramLabel = "J",
            description =
                    "Energy per MAC of the ANN comparison (default 4.6e-12, 45 nm float, Horowitz"
                            + " ISSCC 2014).")
    Double annMacJ;

    @Option(
            names = "--trace",
            paramLabel = "FILE.csv",
            description =
                    "With --input: write one neuron's trace as CSV (time, input, voltage, spike; "
                            + "one row per step) and a PNG beside it.")
    Path trace;

    @Option(
            names = "--trace-neuron",
            paramLabel = "LAYER:N",
            description = "Neuron for --trace (default: neuron 0 of the first layer).")
    String traceNeuron;

    @Option(
            names = "--dt",
            paramLabel = "DT",
            defaultValue = "1",
            description = "Step length for the --trace time column (default 1: time in steps).")
    double traceDt;

    @Mixin EngineOptions engineOptions;

    @Override
    protected int run(JsonLine result) throws Exception {
        CompiledNetwork net =
                (CompiledNetwork) ArtifactIo.load(chip, ArtifactKind.COMPILED_NETWORK);
        if ((input == null) == (dataset == null))
            throw new UsageError("give exactly one of --input SPIKES or --dataset NAME");
        if (input != null && (!engineOptions.local() || engineOptions.master != null)) {
            throw new UsageError(
                    "--engine and --master split a --dataset run across machines; an --input run is"
                            + " one sequence, run here");
        }
        if (trace != null && dataset != null)
            throw new UsageError("--trace applies to --input runs, not to --dataset");
        threads = usableThreads(threads);
        KernelChoice k = kernel();
        if (dataset != null) return runDataset(net, k, result);
        int n = steps != null ? steps : Math.max(1, net.getInput().getSteps());
        result.put("threads", threads);
        SimModel model = SimModel.of(net, new SimOptions(threads, k));
        Probe traced = trace == null ? null : TraceOutput.probe(model, traceNeuron);
        ChipRun run;
        SpikeInput in;
        try (EmulatedChip emu = EmulatedChip.of(model)) {
            for (Probe p : probes(model)) emu.record(p);
            if (traced != null) emu.record(traced);
            if (record != null && Signal.wantsActivity(record)) emu.recordActivity();
            in =
                    SpikeInput.of(
                            spikeFile
                                    .read(
                                            input,
                                            model.inputs(),
                                            model.inputPayloadBits(),
                                            n,
                                            this::say,
                                            result)
                                    .train());
            run = emu.run(in, n);
        }
        EnergyBreakdown b = run.energy(macJ());
        EnergyReport e = b.total();
        say(
                "%s on '%s': %d steps, %d input spikes, %d neuron spikes, %d output spikes, %d"
                        + " synaptic ops",
                net.getName(),
                net.getProfile().getName(),
                n,
                in.totalSpikes(),
                e.spikes(),
                run.outputSpikeCount(),
                e.synapticOps());
        if (run.readout() != null)
            say(
                    "readout potentials after the last step: %s",
                    java.util.Arrays.toString(run.readout()));
        EnergyTables.print(this::say, "energy", b, net.getProfile().getName());
        result.put("steps", n)
                .put("output_spikes", run.outputSpikePairs())
                .put("spike_count", e.spikes())
                .put("input_spikes", in.totalSpikes())
                .put("synaptic_ops", e.synapticOps())
                .put("neuron_updates", e.neuronUpdates())
                .put("hops", e.hops())
                .put("energy_j", e.totalJ());
        EnergyTables.put(result, b, net.getProfile());
        if (run.readout() != null) result.put("readout", run.readout());
        if (traced != null) {
            List<Path> traceFiles = TraceOutput.write(trace, net, traced, run, in, traceDt);
            say("trace of %s[%d] written to %s", traced.layer(), traced.neurons()[0], traceFiles);
            result.put("trace_files", traceFiles.stream().map(Path::toString).toList());
        }
        if (out != null) {
            List<Path> files = SimulationOutputs.write(out, run, b);
            Path summary = out.resolve("summary.json");
            files.add(summary);
            result.put("files", files.stream().map(Path::toString).toList());
            ArtifactFiles.writeAtomically(
                    summary, (result.render() + "\n").getBytes(StandardCharsets.UTF_8));
            say(
                    "wrote %d files to %s: %s",
                    files.size(),
                    out,
                    files.stream().map(p -> p.getFileName().toString()).toList());
        }
        return 0;
    }

    private KernelChoice kernel() {
        try {
            return KernelChoice.parse(kernel);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--kernel: " + e.getMessage());
        }
    }

    /**
     * More threads than cores only add switching (results are the same for any count): a larger
     * --threads is cut to the cores, and the summary says so.
     */
    private int usableThreads(int asked) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (asked <= cores) return asked;
        say(
                "--threads %d: using %d, the cores this machine has (results do not depend on the"
                        + " thread count)",
                asked, cores);
        return cores;
    }

    private double macJ() {
        return annMacJ != null ? annMacJ : AnnComparison.MAC_J_45NM;
    }

    private List<Probe> probes(SimModel model) {
        if (record == null) {
            if (!probes.isEmpty())
                throw new UsageError("--probe needs --record WHAT (e.g. --record spikes,voltage)");
            return List.of();
        }
        EnumSet<Signal> what = Signal.parseList(record);
        List<Probe> out = new ArrayList<>();
        if (what.isEmpty()) {
            if (!probes.isEmpty())
                throw new UsageError("--probe needs spikes, voltage or current in --record");
            return out;
        }
        if (!probes.isEmpty()) {
            for (String p : probes) out.add(Probe.parse(p, what));
            return out;
        }
        boolean traces = what.contains(Signal.VOLTAGE) || what.contains(Signal.CURRENT);
        for (int l = 0; l < model.layerCount(); l++) {
            String name = model.layerName(l);
            if (what.contains(Signal.SPIKES)) out.add(Probe.of(name, EnumSet.of(Signal.SPIKES)));
            if (traces) {
                EnumSet<Signal> t = EnumSet.copyOf(what);
                t.remove(Signal.SPIKES);
                int k = Math.min(DEFAULT_TRACED_NEURONS, model.layerSize(l));
                int[] first = new int[k];
                for (int i = 0; i < k; i++) first[i] = i;
                out.add(Probe.of(name, t, first));
            }
        }
        return out;
    }

    private int runDataset(CompiledNetwork net, KernelChoice k, JsonLine result)
            throws InterruptedException {
        if (!dataset.equals("fashion-mnist"))
            throw new UsageError("--dataset: only 'fashion-mnist' is known, got '" + dataset + "'");
        if (record != null || out != null)
            throw new UsageError("--record and --out apply to --input runs, not to --dataset");
        LabeledImages test =
                FashionMnist.load(
                        dataDir != null ? dataDir : FashionMnist.defaultDir(),
                        FashionMnist.Split.TEST,
                        limit);
        ChipEvaluation ev;
        long start = System.nanoTime();
        String where;
        try (var bar = Progress.bar("simulate", test.size());
                Engine engine =
                        engineOptions.open(threads, "spikeforge simulate " + chip.getFileName())) {
            ev = DatasetEvaluation.run(engine, net, test, bar::stepTo, threads, macJ());
            where =
                    engine.inProcess()
                            ? threads + (threads == 1 ? " thread" : " threads")
                            : "engine " + engine.name();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        EnergyBreakdown b = ev.energy();
        long synapticOps = ev.counters().totalSynapticOps();
        say(
                "%s on '%s': accuracy %s on %d samples of %s",
                net.getName(),
                net.getProfile().getName(),
                Units.percent(ev.accuracy()),
                ev.samples(),
                test.name());
        // Host wall time of this run (encoding, simulation, energy accounting), not chip time: how
        // long a user waits.
        say(
                "simulated in %.1f s of wall time on %s: %.1f inferences/s, %.1f M synaptic"
                        + " events/s",
                wall, where, ev.samples() / wall, synapticOps / wall / 1e6);
        EnergyTables.print(this::say, "energy per inference", b, net.getProfile().getName());
        result.put("accuracy", ev.accuracy())
                .put("samples", ev.samples())
                .put("spikes_per_inference", ev.counters().totalSpikes() / (double) ev.samples())
                .put("synaptic_ops_per_inference", synapticOps / (double) ev.samples())
                .put("energy_j", b.total().totalJ())
                .put("wall_time_s", wall)
                .put("events_per_s", synapticOps / wall);
        EnergyTables.put(result, b, net.getProfile());
        return 0;
    }
}
