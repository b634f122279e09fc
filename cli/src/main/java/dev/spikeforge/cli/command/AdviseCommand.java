package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.trainer.config.TrainingDefaults;
import dev.spikeforge.trainer.input.SampleEncoder;
import dev.spikeforge.trainer.input.SampleEncoders;
import dev.spikeforge.trainer.stability.InputStatistics;
import dev.spikeforge.trainer.stability.LayerChoice;
import dev.spikeforge.trainer.stability.StabilityPlan;
import dev.spikeforge.trainer.stability.StabilityProblem;
import dev.spikeforge.trainer.stability.StabilitySolver;
import dev.spikeforge.trainer.stability.StableInit;
import dev.spikeforge.trainer.stability.SurrogateFamily;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.Surrogate;
import dev.spikeforge.trainer.surrogate.SurrogateShapes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "advise",
        description =
                "Choose initial weight statistics and the surrogate's sharpness and dampening per"
                        + " layer so one step of the LIF recurrence is stable (expected squared"
                        + " Jacobian 1), and say what initial firing rate that gives. `train --init"
                        + " stable` uses the same solver.")
public final class AdviseCommand extends CommandBase {
    @Option(
            names = "--layers",
            split = ",",
            required = true,
            paramLabel = "IN,H[,H...],OUT",
            description = "Layer sizes: inputs, hidden layers, outputs (e.g. 784,400,10).")
    int[] layers;

    @Option(
            names = "--recurrent",
            description = "Hidden layers are recurrent (each hears its own spikes one step late).")
    boolean recurrent;

    @Option(
            names = "--leak",
            paramLabel = "DV",
            description =
                    "Voltage decay per step of the hidden neurons, alpha = 1 - DV (default: train's"
                            + " --dv, ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingDefaults.DV)
    double leak;

    @Option(
            names = "--du",
            paramLabel = "DU",
            defaultValue = "" + TrainingDefaults.DU,
            description = "Current decay of the hidden neurons (default ${DEFAULT-VALUE}).")
    double du;

    @Option(
            names = "--threshold",
            paramLabel = "V",
            defaultValue = "" + TrainingDefaults.THRESHOLD,
            description = "Firing threshold (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(
            names = "--reset",
            paramLabel = "zero|subtract",
            defaultValue = "zero",
            description = "Reset after a spike (default ${DEFAULT-VALUE}).")
    String reset;

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            description =
                    "Measure the first layer's input statistics on this dataset (fashion-mnist) as"
                        + " encoded; without it the input is taken as spikes (mu = 1/2, sigma^2 ="
                        + " 1/4).")
    String dataset;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Directory of the dataset's IDX files (default: SPIKEFORGE_FASHION_MNIST or"
                            + " /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(
            names = "--encoding",
            paramLabel = "direct|rate|latency|sequential",
            defaultValue = "rate",
            description = "Input encoding with --dataset (default ${DEFAULT-VALUE}).")
    String encoding;

    @Option(
            names = "--gain",
            paramLabel = "G",
            defaultValue = "1.0",
            description = "Input gain with --dataset (default ${DEFAULT-VALUE}).")
    float gain;

    @Option(
            names = "--steps",
            paramLabel = "T",
            defaultValue = "20",
            description = "Steps per sample, for the expected rate (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description =
                    "Seed of the rate simulation and rate encoding (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--surrogate",
            paramLabel = "SHAPE",
            description =
                    "Surrogate shape whose sharpness and dampening are chosen, as train's"
                        + " --surrogate: fast-sigmoid (default), triangular, exponential, sigmoid,"
                        + " gaussian, rectangular, cauchy, q-pseudospike.")
    String surrogate;

    @Option(
            names = "--tail-fatness",
            paramLabel = "Q",
            description = "q-pseudospike tail fatness q > 1 (default 4).")
    Double tailFatness;

    @Override
    protected int run(JsonLine result) {
        if (layers.length < 3)
            throw new IllegalArgumentException(
                    "--layers: give inputs, at least one hidden layer and outputs (e.g."
                            + " 784,400,10), got "
                            + layers.length
                            + " size(s)");
        for (int n : layers)
            if (n < 1) throw new IllegalArgumentException("--layers: sizes must be >= 1, got " + n);
        if (recurrent)
            for (int l = 1; l < layers.length - 1; l++) {
                if (layers[l] < 2)
                    throw new IllegalArgumentException(
                            "--layers: a recurrent layer needs at least 2 neurons, got "
                                    + layers[l]);
            }
        if (!(leak >= 0 && leak <= 1))
            throw new IllegalArgumentException("--leak: must be in [0, 1], got " + leak);
        if (!(du >= 0 && du <= 1))
            throw new IllegalArgumentException("--du: must be in [0, 1], got " + du);
        if (!(threshold > 0) || !Double.isFinite(threshold))
            throw new IllegalArgumentException("--threshold: must be > 0, got " + threshold);
        if (steps < 2) throw new IllegalArgumentException("--steps: must be >= 2, got " + steps);
        Reset r =
                switch (reset.toLowerCase(Locale.ROOT)) {
                    case "zero" -> Reset.TO_ZERO;
                    case "subtract" -> Reset.BY_SUBTRACTION;
                    default ->
                            throw new IllegalArgumentException(
                                    "--reset: unknown '" + reset + "'; choose zero or subtract");
                };
        SurrogateFamily family = family();
        FloatLif neuron = new FloatLif(du, leak, threshold, r).snappedToFixedGrid();
        InputStatistics input = dataset == null ? InputStatistics.spikes() : measure();
        int[] hidden = java.util.Arrays.copyOfRange(layers, 1, layers.length - 1);
        StabilityProblem problem =
                StabilityProblem.mlp(
                        layers[0],
                        hidden,
                        layers[layers.length - 1],
                        recurrent,
                        neuron,
                        input,
                        steps,
                        family);
        StabilityPlan plan = StabilitySolver.solve(problem, seed);
        out().print(plan.table());
        out().flush();

        List<Map<String, Object>> perLayer = new ArrayList<>();
        for (LayerChoice c : plan.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.layer().name());
            m.put("fan_in", c.layer().fanIn());
            m.put("size", c.layer().size());
            m.put("weight_mean", c.weightMean());
            m.put("weight_std", c.weightStd());
            if (c.recurrent()) {
                m.put("recurrent_weight_mean", c.recurrentMean());
                m.put("recurrent_weight_std", c.recurrentStd());
            }
            m.put("sharpness", finite(c.sharpness()));
            m.put("dampening", finite(c.dampening()));
            m.put("expected_rate", finite(c.expectedRate()));
            m.put("reason", c.reason());
            perLayer.add(m);
        }
        result.put("layers", perLayer)
                .put("alpha", problem.alpha())
                .put("threshold", problem.threshold())
                .put("surrogate", problem.family().name())
                .put(
                        "input",
                        Map.of(
                                "source",
                                input.source(),
                                "mean",
                                input.mean(),
                                "second_moment",
                                input.secondMoment()))
                .put(
                        "sharpness_range",
                        List.of(
                                dev.spikeforge.trainer.stability.StabilitySolver.S_MIN,
                                StabilitySolver.S_MAX));
        return 0;
    }

    /** The shape train would use with the same flags; its γ and s are what the solver chooses. */
    private SurrogateFamily family() {
        Surrogate s = SurrogateFlags.surrogate(surrogate, null, null, tailFatness);
        if (s instanceof AdaLi) {
            throw new IllegalArgumentException(
                    "--surrogate: adali has no sharpness or dampening to choose (its window follows"
                            + " --adali-schedule); choose one of "
                            + String.join(", ", SurrogateShapes.NAMES));
        }
        return SurrogateFamily.of(s);
    }

    private InputStatistics measure() {
        if (!dataset.equals("fashion-mnist"))
            throw new IllegalArgumentException(
                    "--dataset: unknown dataset '" + dataset + "'; known: fashion-mnist");
        LabeledImages train =
                FashionMnist.load(
                        dataDir != null ? dataDir : FashionMnist.defaultDir(),
                        FashionMnist.Split.TRAIN,
                        StableInit.STATISTICS_SAMPLES);
        Encoding kind =
                switch (encoding.toLowerCase(Locale.ROOT)) {
                    case "direct" -> Encoding.DIRECT;
                    case "rate" -> Encoding.RATE;
                    case "latency" -> Encoding.LATENCY;
                    case "sequential" -> Encoding.SEQUENTIAL;
                    default ->
                            throw new IllegalArgumentException(
                                    "--encoding: unknown '"
                                            + encoding
                                            + "'; choose direct, rate, latency or sequential");
                };
        SampleEncoder enc =
                SampleEncoders.create(
                        kind,
                        steps,
                        gain,
                        dev.spikeforge.trainer.TrainingConfig.defaults().input().latencyCutoff(),
                        seed,
                        train.rows(),
                        train.cols());
        if (enc.width() != layers[0]) {
            throw new IllegalArgumentException(
                    "--layers: the first size must be the input width, "
                            + enc.width()
                            + " for "
                            + dataset
                            + " with "
                            + encoding
                            + " encoding, got "
                            + layers[0]);
        }
        return InputStatistics.fromData(
                enc,
                train,
                StableInit.STATISTICS_SAMPLES,
                dataset + ", " + encoding + " encoding, gain " + gain);
    }

    /** JSON has no NaN: a value that does not apply (the readout's surrogate) is null. */
    private static Double finite(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
