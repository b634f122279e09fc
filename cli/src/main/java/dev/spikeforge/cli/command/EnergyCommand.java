package dev.spikeforge.cli.command;

import dev.spikeforge.cli.energy.ProfileComparison;
import dev.spikeforge.cli.energy.ProfileRow;
import dev.spikeforge.cli.engine.Engine;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.LatencySummary;
import dev.spikeforge.cli.output.Progress;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.nir.convert.NirImporter;
import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.runtime.sim.chip.SpikeInput;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.io.SpikeFiles;
import dev.spikeforge.runtime.sim.plot.ProfileCostPlot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "energy",
        description =
                "Energy and latency per inference, each with its band, of one network on every chip"
                    + " profile (or those listed): compiles it for each (or says why it does not"
                    + " fit), runs it on the simulated chip, and prints one table.")
public final class EnergyCommand extends CommandBase {
    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description =
                    "Trained network (.sft or JSON), compiled network (.sfc or JSON) or NIR file"
                            + " (.nir, with --dt).")
    Path model;

    @Option(
            names = "--profiles",
            paramLabel = "LIST",
            defaultValue = "all",
            description =
                    "'all' (every shipped profile) or a comma-separated list of names or profile"
                            + " files.")
    String profiles;

    @Mixin DataOptions data;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "100",
            description = "Dataset samples per profile (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--input",
            paramLabel = "SPIKES",
            description =
                    "Instead of the dataset: one input spike file (CSV 'step,neuron' or JSON"
                            + " lines).")
    Path input;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description = "With --input: steps to run (default: the network's steps per sample).")
    Integer steps;

    @Option(
            names = "--threads",
            paramLabel = "T",
            defaultValue = "1",
            description = "Threads over the samples.")
    int threads;

    @Option(
            names = "--dt",
            paramLabel = "DT",
            description =
                    "NIR input only: the step, in the graph's time unit, its neurons are"
                            + " discretized with.")
    Double dt;

    @Option(
            names = "--png",
            paramLabel = "FILE",
            description = "Bar chart of energy and latency per profile, bands drawn.")
    Path png;

    @Mixin EngineOptions engineOptions;

    // How a trained network is compiled for each profile, as `compile` takes them.
    @Mixin QuantizationOptions quantization;

    @Mixin MappingOptions mapping;

    @Override
    protected int run(JsonLine result) throws Exception {
        if (threads < 1)
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        if (limit < 1) throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        Model m = load();
        if (m.compiled != null) refuseCompileFlags();
        List<String> names = profileNames(m);
        ProfileComparison.Workload spikes = null;
        LabeledImages test = null;
        int inputSize =
                m.trained != null
                        ? dev.spikeforge.compiler.layers.NetworkValidator.inputSize(m.trained)
                        : m.compiled.getInputSize();
        if (input != null && (!engineOptions.local() || engineOptions.master != null)) {
            throw new UsageError(
                    "--engine and --master split the dataset's samples across machines; an --input"
                            + " run is one sequence, run here");
        }
        if (input != null) {
            int n = steps != null ? steps : Math.max(1, m.steps());
            if (n < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + n);
            // A compiled network declares its input width; a trained one is compiled per profile,
            // so any value is read.
            int bits =
                    m.compiled != null
                            ? dev.spikeforge.runtime.sim.engine.SimModel.inputPayloadBits(
                                    m.compiled)
                            : 32;
            spikes =
                    new ProfileComparison.Spikes(
                            SpikeInput.of(SpikeFiles.read(input, inputSize, n, bits).train()), n);
        } else {
            test = data.load(FashionMnist.Split.TEST, limit);
        }
        try (Engine engine =
                engineOptions.open(threads, "spikeforge energy " + model.getFileName())) {
            ProfileComparison.Workload work =
                    test != null ? new ProfileComparison.Samples(test, threads, engine) : spikes;
            return compare(m, names, work, test, result);
        }
    }

    /**
     * A compiled network is already quantized and mapped: the compile flags (every option of the
     * two mixins above) would do nothing.
     */
    private void refuseCompileFlags() {
        for (String mixin : List.of("quantization", "mapping")) {
            for (var option : spec.mixins().get(mixin).options()) {
                String flag = option.longestName();
                if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                    throw new UsageError(
                            flag
                                    + " applies when a trained network is compiled for each"
                                    + " profile; "
                                    + model
                                    + " is already compiled (give the .sft, or compile it again"
                                    + " with "
                                    + flag
                                    + ")");
                }
            }
        }
    }

    private int compare(
            Model m,
            List<String> names,
            ProfileComparison.Workload work,
            LabeledImages test,
            JsonLine result)
            throws InterruptedException {
        List<ProfileRow> rows = new ArrayList<>();
        int perProfile = test == null ? 1 : test.size();
        try (var bar = Progress.bar("energy", (long) names.size() * perProfile)) {
            for (int p = 0; p < names.size(); p++) {
                int done = p * perProfile;
                java.util.function.IntConsumer progress = k -> bar.stepTo(done + k);
                ProfileRow row;
                if (m.trained != null) {
                    row =
                            ProfileComparison.of(
                                    m.trained,
                                    ChipProfiles.load(names.get(p)),
                                    mapping.apply(quantization.apply(CompileOptions.defaults())),
                                    work,
                                    progress);
                } else if (!names.get(p).equals(m.compiled.getProfile().getName())) {
                    row =
                            ProfileRow.unfit(
                                    names.get(p),
                                    "the compiled network is fixed to profile '"
                                            + m.compiled.getProfile().getName()
                                            + "' (its cores and fixed-point form are that chip's);"
                                            + " give the trained network or NIR file to compare"
                                            + " chips");
                } else {
                    row = ProfileComparison.run(m.compiled, work, progress);
                }
                rows.add(row);
                bar.stepTo(done + perProfile);
            }
        }
        print(
                rows,
                m.name(),
                test == null ? "spike file " + input : test.size() + " samples of " + test.name());
        List<Object> json = new ArrayList<>();
        for (ProfileRow r : rows) json.add(r.json());
        result.put("model", model.toString())
                .put("network", m.name())
                .put("samples", test == null ? 1 : test.size())
                .put("profiles", json)
                .put("ann_source", AnnComparison.SOURCE);
        if (png != null) {
            List<ProfileCostPlot.Bar> bars = new ArrayList<>();
            for (ProfileRow r : rows)
                if (r.fits())
                    bars.add(
                            new ProfileCostPlot.Bar(
                                    r.profile(),
                                    r.energyJ(),
                                    r.energyBandJ(),
                                    r.latencyS(),
                                    r.latencyBandS()));
            ProfileCostPlot.write(bars, "'" + m.name() + "' on each chip", png);
            say("plot written to %s", png);
            result.put("png", png.toString());
        }
        return rows.stream().anyMatch(ProfileRow::fits) ? 0 : Violations.DOES_NOT_FIT;
    }

    private void print(List<ProfileRow> rows, String name, String workload) {
        say(
                "'%s' on %d chip profiles, %s (energy and latency per inference, [band]):",
                name, rows.size(), workload);
        say(
                "  %-11s %-5s %6s %5s  %-32s %-32s %-11s %-10s %-10s %s",
                "profile",
                "fits",
                "cores",
                "chips",
                "energy",
                "latency",
                "inf/s",
                "ANN fp32",
                "ANN int8",
                "bottleneck / accuracy / dominant");
        for (ProfileRow r : rows) {
            if (!r.fits()) {
                say("  %-11s %-5s %s", r.profile(), "no", r.reason());
                continue;
            }
            say(
                    "  %-11s %-5s %6d %5d  %-32s %-32s %-11s %-10s %-10s %s; %s; %s%s",
                    r.profile(),
                    "yes",
                    r.cores(),
                    r.chips(),
                    Units.joules(r.energyJ())
                            + " ["
                            + Units.joules(r.energyBandJ()[0])
                            + ", "
                            + Units.joules(r.energyBandJ()[1])
                            + "]",
                    LatencySummary.seconds(r.latencyS())
                            + " ["
                            + LatencySummary.seconds(r.latencyBandS()[0])
                            + ", "
                            + LatencySummary.seconds(r.latencyBandS()[1])
                            + "]",
                    String.format(Locale.ROOT, "%.4g", r.throughput()),
                    Units.joules(r.annFp32J()),
                    Units.joules(r.annInt8J()),
                    r.bottleneck(),
                    Double.isNaN(r.accuracy()) ? "-" : Units.percent(r.accuracy()),
                    r.dominantPart(),
                    r.overloads() > 0 ? "; OVERLOADED in " + r.overloads() + " core-steps" : "");
        }
        for (ProfileRow r : rows) {
            if (r.fits() && !r.assumed().isEmpty())
                say(
                        "  %s: ASSUMED figures in its result: %s",
                        r.profile(), String.join(", ", r.assumed()));
        }
        say(
                "  figures, sources and ranges: each profile's cost model (docs/energy.md); ANN:"
                        + " %s",
                AnnComparison.SOURCE);
    }

    private List<String> profileNames(Model m) {
        if (profiles.equals("all")) return ChipProfiles.shippedNames();
        List<String> out = new ArrayList<>();
        for (String p : profiles.split(",")) {
            String t = p.trim();
            if (t.isEmpty())
                throw new IllegalArgumentException("--profiles: empty name in '" + profiles + "'");
            out.add(t);
        }
        return out;
    }

    /**
     * The network as given: trained (compiled per profile) or compiled (run on its own profile).
     */
    private record Model(TrainedNetwork trained, CompiledNetwork compiled) {
        String name() {
            return trained != null ? trained.getName() : compiled.getName();
        }

        int steps() {
            return trained != null ? trained.getInput().getSteps() : compiled.getInput().getSteps();
        }
    }

    private Model load() throws Exception {
        String file = model.getFileName().toString().toLowerCase(Locale.ROOT);
        if (file.endsWith(".nir")) {
            if (dt == null || !(dt > 0) || Double.isInfinite(dt))
                throw new IllegalArgumentException(
                        "--dt: a NIR file needs the step to discretize its neurons with (a positive"
                                + " number), e.g. --dt 1e-4");
            var doc = NirReader.read(model);
            String n = model.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            int s = steps != null ? steps : 100;
            return new Model(
                    NirImporter.convert(doc, new NirImporter.Options(dt, n, s)).network(), null);
        }
        var msg = ArtifactIo.load(model, null);
        if (msg instanceof TrainedNetwork t) return new Model(t, null);
        if (msg instanceof CompiledNetwork c) return new Model(null, c);
        throw new IllegalArgumentException(
                model
                        + ": a "
                        + ArtifactKind.of(msg)
                        + " artifact; energy takes a trained or compiled network or a NIR file");
    }
}
