package dev.spikeforge.cli.command;

import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.TrainingConfigBuilder;
import dev.spikeforge.trainer.adapt.AdaLiSchedule;
import dev.spikeforge.trainer.adapt.Chi;
import dev.spikeforge.trainer.adapt.ChiAdaptation;
import dev.spikeforge.trainer.config.ConvNotation;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.LossSpec;
import dev.spikeforge.trainer.config.ResidualNet;
import dev.spikeforge.trainer.config.TrainingDefaults;
import dev.spikeforge.trainer.input.Augmentation;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
import dev.spikeforge.trainer.surrogate.QPseudoSpike;
import dev.spikeforge.trainer.train.EpochSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Training flags shared by `train` and `demo`; unset flags keep the base configuration's value. */
public final class TrainingOptions {
    @Option(
            names = "--arch",
            paramLabel = "mlp|conv|resnet|rnn",
            description =
                    "Network kind: dense LIF layers (--hidden), conv LIF layers "
                            + "(--conv, then optional dense --hidden; direct encoding, layers + "
                            + (TrainingDefaults.CONV_SCORED_STEPS + 1)
                            + " steps unless set: "
                            + TrainingDefaults.CONV_SCORED_STEPS
                            + " scored steps per hidden layer), "
                            + "a residual conv net (resnet: the --conv stem, default "
                            + TrainingDefaults.RESNET_STEM
                            + ", then --blocks SEW blocks of two 3x3 convs "
                            + "whose output is summed with the block input, then --hidden, default "
                            + TrainingDefaults.RESNET_HIDDEN
                            + "; steps as for conv), or recurrent LIF layers (--hidden) on"
                            + " row-by-row input (sequential encoding, "
                            + TrainingDefaults.IMAGE_ROWS
                            + " + layers + 1 steps unless set). Default: mlp.")
    String arch;

    @Option(
            names = "--blocks",
            paramLabel = "N",
            description =
                    "Residual blocks for --arch resnet (default "
                            + TrainingDefaults.RESNET_BLOCKS
                            + ").")
    Integer blocks;

    @Option(
            names = "--hidden",
            split = ",",
            paramLabel = "H[,H...]",
            description =
                    "Hidden layer sizes (default "
                            + TrainingDefaults.HIDDEN
                            + "; "
                            + TrainingDefaults.RESNET_HIDDEN
                            + " for resnet).")
    int[] hidden;

    @Option(
            names = "--conv",
            split = ",",
            paramLabel = "CxK[pP][sS]",
            description =
                    "Conv layers for --arch conv: C channels, KxK kernel, optional padding P and"
                        + " stride S; a stride-1 layer is followed by 2x2 sum pooling, a strided"
                        + " one is not (default: "
                            + TrainingDefaults.CONV_LAYERS
                            + ").")
    String[] conv;

    @Option(
            names = "--encoding",
            paramLabel = "direct|rate|latency|sequential",
            description = "Input encoding (default: rate; " + "sequential for --arch rnn).")
    String encoding;

    @Option(
            names = "--steps",
            paramLabel = "T",
            description =
                    "Simulation steps per sample (default "
                            + TrainingDefaults.STEPS
                            + "; demo "
                            + TrainingDefaults.DEMO_STEPS
                            + "; conv and resnet: layers + "
                            + (TrainingDefaults.CONV_SCORED_STEPS + 1)
                            + "; rnn: "
                            + TrainingDefaults.IMAGE_ROWS
                            + " + layers + 1).")
    Integer steps;

    @Option(
            names = "--gain",
            paramLabel = "G",
            defaultValue = "" + TrainingDefaults.GAIN,
            description =
                    "Multiplies pixel values before encoding (rate: spike probability per step;"
                            + " default ${DEFAULT-VALUE}).")
    Float gain;

    @Option(
            names = "--latency-cutoff",
            paramLabel = "X",
            description =
                    "Latency encoding: pixels at or below X never spike (default "
                            + TrainingDefaults.LATENCY_CUTOFF
                            + ").")
    Float latencyCutoff;

    @Option(
            names = "--batch",
            paramLabel = "B",
            defaultValue = "" + TrainingDefaults.BATCH,
            description = "Batch size (default ${DEFAULT-VALUE}).")
    Integer batch;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "" + TrainingDefaults.EPOCHS,
            description = "Training epochs (default ${DEFAULT-VALUE}).")
    Integer epochs;

    @Option(
            names = "--lr",
            paramLabel = "RATE",
            defaultValue = "" + TrainingDefaults.LEARNING_RATE,
            description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    Double lr;

    @Option(
            names = "--schedule",
            paramLabel = "cosine|constant",
            description = "Learning-rate schedule over epochs (default: cosine).")
    String schedule;

    @Option(
            names = "--lr-floor",
            paramLabel = "F",
            description =
                    "Cosine schedule: the last epoch runs at F x the learning rate (default "
                            + TrainingDefaults.LR_FLOOR
                            + ").")
    Double lrFloor;

    @Option(
            names = "--optimizer",
            paramLabel = "adam|adamw",
            description =
                    "adamw = Adam with decoupled weight decay (default decay "
                            + TrainingDefaults.ADAMW_WEIGHT_DECAY
                            + ").")
    String optimizer;

    @Option(
            names = "--weight-decay",
            paramLabel = "WD",
            description = "Decoupled weight decay on weight matrices (implies adamw).")
    Double weightDecay;

    @Option(
            names = "--clip",
            paramLabel = "NORM",
            description = "Clip the gradient's global L2 norm to NORM (0 = off, the default).")
    Double clip;

    @Option(
            names = "--score",
            paramLabel = "final|max|mean|count",
            description =
                    "Class score for the cross-entropy: readout potential after the last step, its"
                        + " max or mean over steps, or the spike count of a spiking output layer"
                        + " (default: final).")
    String score;

    @Option(
            names = "--loss-scale",
            paramLabel = "S",
            defaultValue = "" + TrainingDefaults.LOSS_SCALE,
            description = "Cross-entropy on S x score (default ${DEFAULT-VALUE}).")
    Double lossScale;

    @Option(
            names = "--du",
            paramLabel = "D",
            defaultValue = "" + TrainingDefaults.DU,
            description =
                    "Current decay of the hidden neurons (1 = no synaptic memory; default"
                            + " ${DEFAULT-VALUE}).")
    Double du;

    @Option(
            names = "--dv",
            paramLabel = "D",
            defaultValue = "" + TrainingDefaults.DV,
            description = "Voltage decay of the hidden neurons (default ${DEFAULT-VALUE}).")
    Double dv;

    @Option(
            names = "--threshold",
            paramLabel = "V",
            defaultValue = "" + TrainingDefaults.THRESHOLD,
            description = "Firing threshold of the hidden neurons (default ${DEFAULT-VALUE}).")
    Double threshold;

    @Option(
            names = "--reset",
            paramLabel = "zero|subtract",
            description =
                    "Reset after a spike: to zero (the default) or by subtracting the threshold.")
    String reset;

    @Option(
            names = "--readout-dv",
            paramLabel = "D",
            defaultValue = "" + TrainingDefaults.READOUT_DV,
            description = "Voltage decay of the readout (default ${DEFAULT-VALUE}).")
    Double readoutDv;

    @Option(names = "--learn-leaks", description = "Train each layer's du and dv.")
    Boolean learnLeaks;

    @Option(names = "--learn-thresholds", description = "Train each spiking layer's threshold.")
    Boolean learnThresholds;

    @Option(
            names = "--surrogate",
            paramLabel = "SHAPE",
            description =
                    "Surrogate gradient: fast-sigmoid (default), triangular, exponential, sigmoid,"
                            + " gaussian, rectangular, cauchy, q-pseudospike, or adali (window"
                            + " scheduled per epoch, see --adali-schedule).")
    String surrogate;

    @Option(
            names = "--dampening",
            paramLabel = "G",
            description =
                    "Surrogate peak height gamma (default "
                            + TrainingDefaults.SURROGATE_DAMPENING
                            + ").")
    Double dampening;

    @Option(
            names = {"--sharpness", "--surrogate-sharpness"},
            paramLabel = "S",
            description =
                    "Surrogate sharpness s, its inverse width; "
                            + "area gamma/s (default "
                            + TrainingDefaults.SURROGATE_SHARPNESS
                            + "). E.g. fast-sigmoid: gamma / (1 + 2|s x|)^2.")
    Double sharpness;

    @Option(
            names = "--tail-fatness",
            paramLabel = "Q",
            description =
                    "q-pseudospike tail fatness q > 1, smaller = fatter tails (default "
                            + QPseudoSpike.DEFAULT_Q
                            + ").")
    Double tailFatness;

    @Option(
            names = "--adali-schedule",
            paramLabel = "power|linear|sqrt|auto",
            description =
                    "AdaLi window from "
                            + AdaLiSchedule.L_MAX
                            + " to "
                            + AdaLiSchedule.L_MIN
                            + " over the epochs (default power), or auto: from the"
                            + " membrane-potential quartiles of the epoch before.")
    String adaliSchedule;

    @Option(
            names = "--chi-adapt",
            paramLabel = "MIN,MAX",
            description =
                    "Keep each layer's chi (share of neuron-steps with gradient) in "
                            + "[MIN, MAX]: widen its surrogate by "
                            + ChiAdaptation.FACTOR
                            + " below MIN, sharpen above MAX, area kept (e.g. 0.1,0.5).")
    String chiAdapt;

    @Option(
            names = "--chi-tolerance",
            paramLabel = "T",
            description =
                    "chi counts a neuron-step when its surrogate gradient exceeds T times "
                            + "the surrogate's peak, 0 < T < 1 (default "
                            + Chi.DEFAULT_TOLERANCE
                            + ": |s x| < 1.74 fast sigmoid, 0.98 gaussian, 0.95 triangular).")
    Double chiTolerance;

    @Option(
            names = "--init-gain",
            paramLabel = "G",
            description =
                    "Initial weights ~ N(0, G^2 / fan-in) (default "
                            + TrainingDefaults.INIT_GAIN
                            + ").")
    Double initGain;

    @Option(
            names = "--augment",
            description =
                    "Augment training images: random horizontal flip and shift by up to"
                            + " --augment-shift pixels.")
    Boolean augment;

    @Option(
            names = "--augment-shift",
            paramLabel = "P",
            description =
                    "With --augment: largest shift in pixels (default "
                            + TrainingDefaults.AUGMENT_SHIFT
                            + ").")
    Integer augmentShift;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "" + TrainingDefaults.SEED,
            description =
                    "Random seed (weights, batch order, training spikes; default"
                            + " ${DEFAULT-VALUE}).")
    Long seed;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "" + TrainingDefaults.THREADS,
            description = "Threads for ND4J (default ${DEFAULT-VALUE}).")
    Integer threads;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "Use only the first N training samples (0, the default: all).")
    Integer limit;

    @Option(
            names = "--test-limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "Use only the first N test samples (0, the default: all).")
    Integer testLimit;

    @Option(
            names = "--init",
            paramLabel = "default|stable",
            description =
                    "Initial weights: default N(0, G^2 / fan-in) (--init-gain), or stable:"
                            + " per-layer statistics and surrogate sharpness/dampening from the"
                            + " stability solver (see `spikeforge advise`), then bias pre-tuning to"
                            + " --initial-rate.")
    String init;

    @Option(
            names = "--initial-rate",
            paramLabel = "R",
            description =
                    "With --init stable: tune only biases so every hidden layer starts firing at R "
                            + "per step (default "
                            + TrainingDefaults.STABLE_INITIAL_RATE
                            + "; 0 = no tuning).")
    Double initialRate;

    @Option(
            names = "--sparsity-target",
            paramLabel = "F",
            description =
                    "Add the gradual sparsity loss w(e)*W*(rate - F)^2 per hidden layer: w = 0"
                        + " until a fifth of the epochs, linear to 1 at three fifths, updated every"
                        + " batch (e.g. 0.05).")
    Double sparsityTarget;

    @Option(
            names = "--sparsity-weight",
            paramLabel = "W",
            description =
                    "With --sparsity-target: the loss weight once fully introduced (default "
                            + TrainingDefaults.SPARSITY_WEIGHT
                            + ").")
    Double sparsityWeight;

    @Option(
            names = "--hybrid",
            description =
                    "Hybrid training: hidden layers output error-diffusion quantized activations,"
                            + " annealed from --hybrid-levels levels to binary spikes; the last"
                            + " --spiking-epochs epochs spike.")
    Boolean hybrid;

    @Option(
            names = "--hybrid-levels",
            paramLabel = "L",
            description =
                    "With --hybrid: levels (dt) of the first epoch (default "
                            + TrainingDefaults.HYBRID_LEVELS
                            + ").")
    Integer hybridLevels;

    @Option(
            names = "--hybrid-schedule",
            paramLabel = "halving|geometric",
            description =
                    "With --hybrid: levels halve every epoch, or fall "
                            + "geometrically to 1 over the hybrid epochs (default "
                            + TrainingDefaults.HYBRID_SCHEDULE
                            + ").")
    String hybridSchedule;

    @Option(
            names = "--spiking-epochs",
            paramLabel = "N",
            description =
                    "With --hybrid: final epochs with binary spikes (default "
                            + TrainingDefaults.HYBRID_SPIKING_EPOCHS
                            + ").")
    Integer spikingEpochs;

    @Option(
            names = "--weight-bits",
            paramLabel = "B",
            description =
                    "Train with weights quantized to B bits (1-16) the way the compiler does"
                        + " (per-layer scale, straight-through gradient); the artifact then holds"
                        + " exactly what the chip runs.")
    Integer weightBits;

    @Option(
            names = "--dropout",
            paramLabel = "P",
            defaultValue = "" + TrainingDefaults.DROPOUT,
            description =
                    "Training only: each hidden layer's output reaches the next layer with a unit"
                        + " dropped at probability P for a whole sample, the rest scaled by 1/(1-P)"
                        + " (0 <= P < 1; default ${DEFAULT-VALUE} = off).")
    Double dropout;

    /**
     * The flag behind each {@link ConfigException#setting()}, so errors point at what the user
     * typed.
     */
    private static final Map<String, String> FLAGS =
            Map.ofEntries(
                    Map.entry("layers", "--hidden/--conv"),
                    Map.entry("steps", "--steps"),
                    Map.entry("batch", "--batch"),
                    Map.entry("epochs", "--epochs"),
                    Map.entry("learning_rate", "--lr"),
                    Map.entry("threads", "--threads"),
                    Map.entry("limit", "--limit"),
                    Map.entry("test_limit", "--test-limit"),
                    Map.entry("gain", "--gain"),
                    Map.entry("latency_cutoff", "--latency-cutoff"),
                    Map.entry("encoding", "--encoding"),
                    Map.entry("du", "--du"),
                    Map.entry("dv", "--dv"),
                    Map.entry("threshold", "--threshold"),
                    Map.entry("readout_dv", "--readout-dv"),
                    Map.entry("weight_decay", "--weight-decay"),
                    Map.entry("clip_norm", "--clip"),
                    Map.entry("loss_scale", "--loss-scale"),
                    Map.entry("score", "--score"),
                    Map.entry("optimizer", "--optimizer"),
                    Map.entry("augment", "--augment-shift"),
                    Map.entry("hybrid", "--spiking-epochs"),
                    Map.entry("dropout", "--dropout"),
                    Map.entry("init", "--init"),
                    Map.entry("blocks", "--blocks"),
                    Map.entry("conv", "--conv"));

    /** The same problem, worded with the command-line flag. */
    static IllegalArgumentException withFlag(ConfigException e) {
        return new IllegalArgumentException(
                FLAGS.getOrDefault(e.setting(), e.setting()) + ": " + e.problem(), e);
    }

    /**
     * The base configuration with every given flag applied; the settings are checked together once,
     * at the end.
     */
    public TrainingConfig apply(TrainingConfig base) {
        try {
            TrainingConfigBuilder b = base.toBuilder();
            applyFlags(b);
            return b.build();
        } catch (ConfigException e) {
            throw withFlag(e);
        }
    }

    /**
     * The network kind first: it decides the defaults (steps, encoding) the other flags may
     * override.
     */
    private void applyFlags(TrainingConfigBuilder c) {
        String kind = arch == null ? "mlp" : arch.toLowerCase(Locale.ROOT);
        if (blocks != null && !kind.equals("resnet"))
            throw new IllegalArgumentException("--blocks: only with --arch resnet");
        switch (kind) {
            case "mlp" -> {
                if (conv != null)
                    throw new IllegalArgumentException("--conv: only with --arch conv or resnet");
                if (hidden != null) c.hidden(hidden);
            }
            case "resnet" -> {
                List<LayerSpec> stem =
                        conv == null
                                ? ConvNotation.parseList(TrainingDefaults.RESNET_STEM)
                                : ConvNotation.parseAll(conv);
                c.layers(
                                ResidualNet.layers(
                                        stem,
                                        blocks == null ? TrainingDefaults.RESNET_BLOCKS : blocks,
                                        hidden == null
                                                ? new int[] {TrainingDefaults.RESNET_HIDDEN}
                                                : hidden))
                        .encoding(Encoding.DIRECT);
                c.steps(TrainingDefaults.convSteps(c.layers().size() + 1));
            }
            case "conv" -> {
                List<LayerSpec> layers =
                        new ArrayList<>(
                                conv == null
                                        ? ConvNotation.parseList(TrainingDefaults.CONV_LAYERS)
                                        : ConvNotation.parseAll(conv));
                if (hidden != null) for (int h : hidden) layers.add(new LayerSpec.Dense(h));
                // Direct input: the first conv layer then runs once per sample, not once per step.
                // The steps grow with
                // the depth, since each layer's one-step delay shortens the window its spikes count
                // in (T = 6 leaves
                // conv-conv-dense 2 scored steps; see docs/benchmarks.md, "Accuracy on
                // Fashion-MNIST").
                c.layers(layers)
                        .encoding(Encoding.DIRECT)
                        .steps(TrainingDefaults.convSteps(layers.size() + 1));
            }
            case "rnn" -> {
                if (conv != null)
                    throw new IllegalArgumentException("--conv: only with --arch conv or resnet");
                List<LayerSpec> layers = new ArrayList<>();
                for (int h :
                        hidden == null
                                ? c.layers().stream().mapToInt(LayerSpec::units).toArray()
                                : hidden) layers.add(new LayerSpec.Recurrent(h));
                c.encoding(Encoding.SEQUENTIAL)
                        .steps(TrainingDefaults.sequentialSteps(layers.size()))
                        .layers(layers);
            }
            default ->
                    throw new IllegalArgumentException(
                            "--arch: unknown '" + arch + "'; choose mlp, conv, resnet or rnn");
        }
        if (encoding != null) c.encoding(encoding(encoding));
        if (steps != null) c.steps(steps);
        if (gain != null) c.gain(gain);
        if (latencyCutoff != null) c.latencyCutoff(latencyCutoff);
        if (batch != null) c.batch(batch);
        if (epochs != null) c.epochs(epochs);
        if (lr != null) c.learningRate(lr);
        if (schedule != null || lrFloor != null)
            c.schedule(schedule(schedule == null ? "cosine" : schedule, lrFloor));
        if (optimizer != null) {
            switch (optimizer.toLowerCase(Locale.ROOT)) {
                case "adam" -> {
                    if (weightDecay != null && weightDecay > 0)
                        throw new IllegalArgumentException(
                                "--weight-decay: needs --optimizer adamw (decoupled decay)");
                    c.weightDecay(0);
                }
                case "adamw" ->
                        c.weightDecay(
                                weightDecay == null
                                        ? TrainingDefaults.ADAMW_WEIGHT_DECAY
                                        : weightDecay);
                default ->
                        throw new IllegalArgumentException(
                                "--optimizer: unknown '" + optimizer + "'; choose adam or adamw");
            }
        } else if (weightDecay != null) {
            c.weightDecay(weightDecay);
        }
        if (clip != null) c.clipNorm(clip);
        if (score != null) c.score(LossSpec.parse(score));
        if (lossScale != null) c.lossScale(lossScale);
        if (du != null) c.du(du);
        if (dv != null) c.dv(dv);
        if (threshold != null) c.threshold(threshold);
        if (reset != null) c.reset(reset(reset));
        if (readoutDv != null) c.readoutDv(readoutDv);
        if (learnLeaks != null) c.learnLeaks(learnLeaks);
        if (learnThresholds != null) c.learnThresholds(learnThresholds);
        if (surrogate != null || dampening != null || sharpness != null || tailFatness != null) {
            c.surrogate(SurrogateFlags.surrogate(surrogate, dampening, sharpness, tailFatness));
        }
        if (adaliSchedule != null || chiAdapt != null || chiTolerance != null) {
            c.surrogateAdaptation(
                    SurrogateFlags.adaptation(
                            c.surrogate(), adaliSchedule, chiAdapt, chiTolerance));
        }
        if (initGain != null) {
            if (!(initGain > 0))
                throw new IllegalArgumentException("--init-gain: must be > 0, got " + initGain);
            c.initializer(new ScaledNormalInitializer(initGain));
        }
        if (augmentShift != null && !Boolean.TRUE.equals(augment))
            throw new IllegalArgumentException("--augment-shift: only with --augment");
        if (Boolean.TRUE.equals(augment))
            c.augmentation(
                    new Augmentation(
                            true,
                            augmentShift == null ? TrainingDefaults.AUGMENT_SHIFT : augmentShift));
        // After --epochs (the sparsity loss's schedule spans them) and the surrogate (stable init
        // tunes its shape).
        TrainingMethodFlags.apply(
                c,
                init,
                initialRate,
                initGain,
                sparsityTarget,
                sparsityWeight,
                hybrid,
                hybridLevels,
                hybridSchedule,
                spikingEpochs,
                weightBits);
        if (dropout != null) c.dropout(dropout);
        if (seed != null) c.seed(seed);
        if (threads != null) c.threads(threads);
        if (limit != null) c.limit(limit);
        if (testLimit != null) c.testLimit(testLimit);
    }

    private static Encoding encoding(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "direct" -> Encoding.DIRECT;
            case "rate" -> Encoding.RATE;
            case "latency" -> Encoding.LATENCY;
            case "sequential" -> Encoding.SEQUENTIAL;
            default ->
                    throw new IllegalArgumentException(
                            "--encoding: unknown '"
                                    + s
                                    + "'; choose direct, rate, latency or sequential");
        };
    }

    private static EpochSchedule schedule(String s, Double floor) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "cosine" -> {
                double f = floor == null ? TrainingDefaults.LR_FLOOR : floor;
                if (!(f >= 0 && f <= 1))
                    throw new IllegalArgumentException("--lr-floor: must be in [0, 1], got " + f);
                yield EpochSchedule.cosine(f);
            }
            case "constant" -> {
                if (floor != null)
                    throw new IllegalArgumentException("--lr-floor: only with --schedule cosine");
                yield EpochSchedule.CONSTANT;
            }
            default ->
                    throw new IllegalArgumentException(
                            "--schedule: unknown '" + s + "'; choose cosine or constant");
        };
    }

    private static Reset reset(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "zero" -> Reset.TO_ZERO;
            case "subtract" -> Reset.BY_SUBTRACTION;
            default ->
                    throw new IllegalArgumentException(
                            "--reset: unknown '" + s + "'; choose zero or subtract");
        };
    }
}
