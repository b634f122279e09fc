package dev.spikeforge.cli.command.bench;

import dev.spikeforge.cli.command.CommandBase;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.runtime.sim.bench.SimBenchmark;
import dev.spikeforge.runtime.sim.bench.SyntheticLayer;
import dev.spikeforge.runtime.sim.synapse.KernelChoice;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `spikeforge bench sim`: synaptic events per second of the runtime simulator on a random
 * feed-forward layer (N_in spike sources at a given activity into N_out CUBA LIF neurons, `fanout`
 * synapses per source). Input generation and a JIT warm-up are outside the timed run.
 */
@Command(
        name = "sim",
        description =
                "Simulator speed (synaptic events/s) and synapse memory on a random feed-forward"
                        + " layer.")
public final class BenchSimCommand extends CommandBase {
    @Option(
            names = "--n-in",
            defaultValue = "10000",
            paramLabel = "N",
            description = "Input spike sources (default ${DEFAULT-VALUE}).")
    int nIn;

    @Option(
            names = "--n-out",
            defaultValue = "10000",
            paramLabel = "N",
            description = "LIF neurons (default ${DEFAULT-VALUE}).")
    int nOut;

    @Option(
            names = "--fanout",
            defaultValue = "1000",
            paramLabel = "K",
            description = "Synapses per source (default ${DEFAULT-VALUE}).")
    int fanout;

    @Option(
            names = "--activity",
            defaultValue = "0.02",
            paramLabel = "P",
            description = "Probability a source spikes on a step (default ${DEFAULT-VALUE}).")
    double activity;

    @Option(
            names = "--steps",
            defaultValue = "1000",
            paramLabel = "N",
            description = "Timed steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--threads",
            defaultValue = "1",
            paramLabel = "T",
            description =
                    "Threads per step, each owning a partition of the neurons (default"
                            + " ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--warmup",
            defaultValue = "300",
            paramLabel = "N",
            description = "Untimed steps first, for the JIT (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--kernel",
            defaultValue = "auto",
            paramLabel = "K",
            description =
                    "Synapse layout: auto (dense rows when dense enough, else sparse), sparse (the"
                            + " smallest event layout per partition), dense, sparse_indexed (3"
                            + " B/synapse), sparse_delta8 (2 B), sparse_delta12 (2.5 B) (default"
                            + " ${DEFAULT-VALUE}).")
    String kernel;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "Seed of the network and the inputs (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected int run(JsonLine result) {
        if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        if (threads < 1)
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        KernelChoice k;
        try {
            k = KernelChoice.parse(kernel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kernel: " + e.getMessage());
        }
        SimBenchmark.Result r =
                SimBenchmark.run(
                        new SimBenchmark.Config(
                                nIn, nOut, fanout, activity, steps, threads, k, seed, warmup));
        say(
                "bench sim: %d inputs × %d synapses -> %d LIF neurons (du %d, dv %d, vth %d << 6),"
                        + " activity %.4g, %d steps, %d thread(s), kernel %s",
                nIn,
                fanout,
                nOut,
                SyntheticLayer.DU,
                SyntheticLayer.DV,
                SyntheticLayer.VTH_MANT,
                activity,
                steps,
                threads,
                kernel);
        say(
                "  %d synaptic events in %.3f s = %.1f M events/s (%d input spikes, %d output"
                        + " spikes)",
                r.events(),
                r.seconds(),
                r.eventsPerSecond() / 1e6,
                r.inputSpikes(),
                r.outputSpikes());
        say(
                "  synapses %d: tables %d bytes = %.3f bytes/synapse (%s; plus 4-byte per-source"
                        + " offsets); heap of the whole model after GC %.3f bytes/synapse",
                r.synapses(),
                r.synapseBytes(),
                r.bytesPerSynapse(),
                layouts(r.layouts()),
                r.heapModelBytes() / (double) r.synapses());
        result.put("events_per_s", r.eventsPerSecond())
                .put("synapses", r.synapses())
                .put("events", r.events())
                .put("seconds", r.seconds())
                .put("steps", steps)
                .put("threads", threads)
                .put("n_in", nIn)
                .put("n_out", nOut)
                .put("fanout", fanout)
                .put("activity", activity)
                .put("kernel", k.name().toLowerCase(Locale.ROOT))
                .put("layouts", r.layouts())
                .put("input_spikes", r.inputSpikes())
                .put("output_spikes", r.outputSpikes())
                .put("synapse_bytes", r.synapseBytes())
                .put("bytes_per_synapse", r.bytesPerSynapse())
                .put("heap_model_bytes", r.heapModelBytes())
                .put("heap_bytes_per_synapse", r.heapModelBytes() / (double) r.synapses())
                .put("build_seconds", r.buildSeconds())
                .put("warmup_steps", warmup)
                .put("seed", seed)
                .put("java", System.getProperty("java.vm.name") + " " + Runtime.version())
                .put("available_processors", Runtime.getRuntime().availableProcessors());
        return 0;
    }

    /** "sparse_delta8: 8-bit gap + 8-bit weight = 2 B, ..." for each layout the partitions use. */
    private static String layouts(java.util.List<String> names) {
        return names.stream()
                .map(n -> n + ": " + KernelChoice.parse(n).storage())
                .collect(java.util.stream.Collectors.joining("; "));
    }
}
