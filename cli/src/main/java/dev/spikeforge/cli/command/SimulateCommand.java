package dev.spikeforge.cli.command;

import dev.spikeforge.artifact.ArtifactKind;
import dev.spikeforge.cli.output.EnergySummary;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.Progress;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.sim.energy.EnergyReport;
import dev.spikeforge.sim.io.SpikeFiles;
import dev.spikeforge.sim.network.Simulator;
import dev.spikeforge.sim.network.StepOutput;
import dev.spikeforge.sim.run.ChipEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "simulate", description = "Run a compiled network bit-exactly on an input spike file (or a dataset) and report spikes, ops and energy.")
public final class SimulateCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "CHIP", description = "Compiled network (artifact or its JSON form).")
    Path chip;

    @Option(names = "--input", paramLabel = "SPIKES", description = "Input spikes: CSV lines 'step,neuron' or JSON lines {\"step\":S,\"neuron\":N}.")
    Path input;

    @Option(names = "--steps", paramLabel = "N", description = "Steps to run (default: the network's steps per sample).")
    Integer steps;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Instead of --input: run a dataset (fashion-mnist test set) and report accuracy.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the dataset's IDX files.")
    Path dataDir;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Use only the first N samples of the dataset.")
    int limit;

    @Override
    protected int run(JsonLine result) throws Exception {
        CompiledNetwork net = (CompiledNetwork) ArtifactIo.load(chip, ArtifactKind.COMPILED_NETWORK);
        if ((input == null) == (dataset == null)) throw new IllegalArgumentException("give exactly one of --input SPIKES or --dataset NAME");
        if (dataset != null) return runDataset(net, result);
        int n = steps != null ? steps : Math.max(1, net.getInput().getSteps());
        Simulator sim = new Simulator(net);
        SpikeTrain train = SpikeFiles.read(input, sim.inputs(), n);
        List<int[]> outSpikes = new ArrayList<>();
        StepOutput last = null;
        for (int t = 0; t < n; t++) {
            int[] s = train.spikesPerStep()[t];
            last = sim.step(s, s.length);
            for (int k = 0; k < last.spikeCount(); k++) outSpikes.add(new int[]{t, last.spike(k)});
        }
        EnergyReport e = EnergyReport.of(sim.counters(), net.getProfile().getEnergy());
        say("%s on '%s': %d steps, %d input spikes, %d neuron spikes, %d output spikes, %d synaptic ops",
                net.getName(), net.getProfile().getName(), n, train.totalSpikes(), e.spikes(), outSpikes.size(), e.synapticOps());
        if (last != null && last.hasReadout()) say("readout potentials after the last step: %s", java.util.Arrays.toString(last.readout()));
        EnergySummary.print(this::say, "energy", e, net.getProfile());
        result.put("steps", n).put("output_spikes", outSpikes).put("spike_count", e.spikes())
                .put("input_spikes", train.totalSpikes()).put("synaptic_ops", e.synapticOps())
                .put("neuron_updates", e.neuronUpdates()).put("hops", e.hops())
                .put("energy_j", e.totalJ()).put("energy", EnergySummary.breakdown(e));
        if (last != null && last.hasReadout()) result.put("readout", last.readout().clone());
        return 0;
    }

    private int runDataset(CompiledNetwork net, JsonLine result) {
        if (!dataset.equals("fashion-mnist")) throw new IllegalArgumentException("--dataset: only 'fashion-mnist' is known, got '" + dataset + "'");
        LabeledImages test = FashionMnist.load(dataDir != null ? dataDir : FashionMnist.defaultDir(), FashionMnist.Split.TEST, limit);
        ChipEvaluation ev;
        try (var bar = Progress.bar("simulate", test.size())) {
            ev = ChipEvaluation.run(net, test, bar::stepTo);
        }
        EnergyReport per = ev.energyPerInference();
        say("%s on '%s': accuracy %s on %d samples of %s", net.getName(), net.getProfile().getName(), Units.percent(ev.accuracy()), ev.samples(), test.name());
        EnergySummary.print(this::say, "energy per inference", per, net.getProfile());
        result.put("accuracy", ev.accuracy()).put("samples", ev.samples())
                .put("spikes_per_inference", ev.counters().totalSpikes() / (double) ev.samples())
                .put("synaptic_ops_per_inference", ev.counters().totalSynapticOps() / (double) ev.samples())
                .put("energy_j", ev.energy().totalJ()).put("energy_per_inference_j", per.totalJ())
                .put("energy", EnergySummary.breakdown(per));
        return 0;
    }
}
