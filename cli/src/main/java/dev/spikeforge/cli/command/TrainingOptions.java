package dev.spikeforge.cli.command;

import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.LossSpec;
import dev.spikeforge.trainer.config.ResidualNet;
import dev.spikeforge.trainer.input.Augmentation;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
import dev.spikeforge.trainer.train.EpochSchedule;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Training flags shared by `train` and `demo`; unset flags keep the base configuration's value. */
public final class TrainingOptions {
    /** Fashion-MNIST images have 28 rows: sequential encoding presents one per step. */
    static final int IMAGE_ROWS = 28;
    /** Conv networks by default get T = layers + this: the steps each hidden layer's spikes can reach the score. */
    static final int CONV_SCORED_STEPS = 6;

    @Option(names = "--arch", paramLabel = "mlp|conv|resnet|rnn", description = "Network kind: dense LIF layers (--hidden), conv LIF layers "
            + "(--conv, then optional dense --hidden; direct encoding, layers + 7 steps unless set: 6 scored steps per hidden layer), "
            + "a residual conv net (resnet: the --conv stem, default 16x3p1, then --blocks SEW blocks of two 3x3 convs whose output is summed with "
            + "the block input, then --hidden, default 256; steps as for conv), or recurrent LIF layers (--hidden) on row-by-row input "
            + "(sequential encoding, 28 + layers + 1 steps unless set). Default: mlp.")
    String arch;

    @Option(names = "--blocks", paramLabel = "N", description = "Residual blocks for --arch resnet (default 1).")
    Integer blocks;

    @Option(names = "--hidden", split = ",", paramLabel = "H[,H...]", description = "Hidden layer sizes.")
    int[] hidden;

    @Option(names = "--conv", split = ",", paramLabel = "CxK[pP][sS]", description = "Conv layers for --arch conv: C channels, KxK kernel, "
            + "optional padding P and stride S; a stride-1 layer is followed by 2x2 sum pooling, a strided one is not (default: 16x5,32x5).")
    String[] conv;

    @Option(names = "--encoding", paramLabel = "direct|rate|latency|sequential", description = "Input encoding (default: rate; "
            + "sequential for --arch rnn).")
    String encoding;

    @Option(names = "--steps", paramLabel = "T", description = "Simulation steps per sample.")
    Integer steps;

    @Option(names = "--gain", paramLabel = "G", description = "Multiplies pixel values before encoding (rate: spike probability per step).")
    Float gain;

    @Option(names = "--latency-cutoff", paramLabel = "X", description = "Latency encoding: pixels at or below X never spike.")
    Float latencyCutoff;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size.")
    Integer batch;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs.")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate.")
    Double lr;

    @Option(names = "--schedule", paramLabel = "cosine|constant", description = "Learning-rate schedule over epochs (default: cosine).")
    String schedule;

    @Option(names = "--lr-floor", paramLabel = "F", description = "Cosine schedule: the last epoch runs at F x the learning rate (default 0.1).")
    Double lrFloor;

    @Option(names = "--optimizer", paramLabel = "adam|adamw", description = "adamw = Adam with decoupled weight decay (default decay 0.01).")
    String optimizer;

    @Option(names = "--weight-decay", paramLabel = "WD", description = "Decoupled weight decay on weight matrices (implies adamw).")
    Double weightDecay;

    @Option(names = "--clip", paramLabel = "NORM", description = "Clip the gradient's global L2 norm to NORM (0 = off).")
    Double clip;

    @Option(names = "--score", paramLabel = "final|max|mean|count", description = "Class score for the cross-entropy: readout potential "
            + "after the last step, its max or mean over steps, or the spike count of a spiking output layer (default: final).")
    String score;

    @Option(names = "--loss-scale", paramLabel = "S", description = "Cross-entropy on S x score.")
    Double lossScale;

    @Option(names = "--du", paramLabel = "D", description = "Current decay of the hidden neurons (1 = no synaptic memory).")
    Double du;

    @Option(names = "--dv", paramLabel = "D", description = "Voltage decay of the hidden neurons.")
    Double dv;

    @Option(names = "--threshold", paramLabel = "V", description = "Firing threshold of the hidden neurons.")
    Double threshold;

    @Option(names = "--reset", paramLabel = "zero|subtract", description = "Reset after a spike: to zero or by subtracting the threshold.")
    String reset;

    @Option(names = "--readout-dv", paramLabel = "D", description = "Voltage decay of the readout.")
    Double readoutDv;

    @Option(names = "--learn-leaks", description = "Train each layer's du and dv.")
    Boolean learnLeaks;

    @Option(names = "--learn-thresholds", description = "Train each spiking layer's threshold.")
    Boolean learnThresholds;

    @Option(names = "--surrogate", paramLabel = "SHAPE", description = "Surrogate gradient: fast-sigmoid (default), triangular, exponential, "
            + "sigmoid, gaussian, rectangular, cauchy, q-pseudospike, or adali (window scheduled per epoch, see --adali-schedule).")
    String surrogate;

    @Option(names = "--dampening", paramLabel = "G", description = "Surrogate peak height gamma (default 1).")
    Double dampening;

    @Option(names = {"--sharpness", "--surrogate-sharpness"}, paramLabel = "S", description = "Surrogate sharpness s, its inverse width; "
            + "area gamma/s (default 1). E.g. fast-sigmoid: gamma / (1 + 2|s x|)^2.")
    Double sharpness;

    @Option(names = "--tail-fatness", paramLabel = "Q", description = "q-pseudospike tail fatness q > 1, smaller = fatter tails (default 4).")
    Double tailFatness;

    @Option(names = "--adali-schedule", paramLabel = "power|linear|sqrt|auto", description = "AdaLi window from 1.5 to 0.3 over the epochs "
            + "(default power), or auto: from the membrane-potential quartiles of the epoch before.")
    String adaliSchedule;

    @Option(names = "--chi-adapt", paramLabel = "MIN,MAX", description = "Keep each layer's chi (share of neuron-steps with gradient) in "
            + "[MIN, MAX]: widen its surrogate by 1.25 below MIN, sharpen above MAX, area kept (e.g. 0.1,0.5).")
    String chiAdapt;

    @Option(names = "--chi-tolerance", paramLabel = "T", description = "chi counts a neuron-step when its surrogate gradient exceeds T times "
            + "the surrogate's peak, 0 < T < 1 (default 0.05: |s x| < 1.74 fast sigmoid, 0.98 gaussian, 0.95 triangular).")
    Double chiTolerance;

    @Option(names = "--init-gain", paramLabel = "G", description = "Initial weights ~ N(0, G^2 / fan-in) (default 1).")
    Double initGain;

    @Option(names = "--augment", description = "Augment training images: random horizontal flip and shift by up to 2 pixels.")
    Boolean augment;

    @Option(names = "--augment-shift", paramLabel = "P", description = "With --augment: largest shift in pixels (default 2).")
    Integer augmentShift;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (weights, batch order, training spikes).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for ND4J.")
    Integer threads;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N training samples.")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Use only the first N test samples.")
    Integer testLimit;

    @Option(names = "--init", paramLabel = "default|stable", description = "Initial weights: default N(0, G^2 / fan-in) (--init-gain), or stable: "
            + "per-layer statistics and surrogate sharpness/dampening from the stability solver (see `spikeforge advise`), then bias pre-tuning to --initial-rate.")
    String init;

    @Option(names = "--initial-rate", paramLabel = "R", description = "With --init stable: tune only biases so every hidden layer starts firing at R "
            + "per step (default 0.5; 0 = no tuning).")
    Double initialRate;

    @Option(names = "--sparsity-target", paramLabel = "F", description = "Add the gradual sparsity loss w(e)*W*(rate - F)^2 per hidden layer: w = 0 until "
            + "a fifth of the epochs, linear to 1 at three fifths, updated every batch (e.g. 0.05).")
    Double sparsityTarget;

    @Option(names = "--sparsity-weight", paramLabel = "W", description = "With --sparsity-target: the loss weight once fully introduced (default 1).")
    Double sparsityWeight;

    @Option(names = "--hybrid", description = "Hybrid training: hidden layers output error-diffusion quantized activations, annealed from "
            + "--hybrid-levels levels to binary spikes; the last --spiking-epochs epochs spike.")
    Boolean hybrid;

    @Option(names = "--hybrid-levels", paramLabel = "L", description = "With --hybrid: levels (dt) of the first epoch (default 16).")
    Integer hybridLevels;

    @Option(names = "--hybrid-schedule", paramLabel = "halving|geometric", description = "With --hybrid: levels halve every epoch, or fall "
            + "geometrically to 1 over the hybrid epochs (default halving).")
    String hybridSchedule;

    @Option(names = "--spiking-epochs", paramLabel = "N", description = "With --hybrid: final epochs with binary spikes (default 1).")
    Integer spikingEpochs;

    @Option(names = "--weight-bits", paramLabel = "B", description = "Train with weights quantized to B bits (1-16) the way the compiler does "
            + "(per-layer scale, straight-through gradient); the artifact then holds exactly what the chip runs.")
    Integer weightBits;

    @Option(names = "--dropout", paramLabel = "P", description = "Training only: each hidden layer's output reaches the next layer "
            + "with a unit dropped at probability P for a whole sample, the rest scaled by 1/(1-P) (0 <= P < 1; default 0 = off).")
    Double dropout;

    /** The flag behind each {@link ConfigException#setting()}, so errors point at what the user typed. */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("layers", "--hidden/--conv"), Map.entry("steps", "--steps"), Map.entry("batch", "--batch"),
            Map.entry("epochs", "--epochs"), Map.entry("learning_rate", "--lr"), Map.entry("threads", "--threads"),
            Map.entry("limit", "--limit"), Map.entry("test_limit", "--test-limit"), Map.entry("gain", "--gain"),
            Map.entry("latency_cutoff", "--latency-cutoff"), Map.entry("encoding", "--encoding"), Map.entry("du", "--du"),
            Map.entry("dv", "--dv"), Map.entry("threshold", "--threshold"), Map.entry("readout_dv", "--readout-dv"),
            Map.entry("weight_decay", "--weight-decay"), Map.entry("clip_norm", "--clip"), Map.entry("loss_scale", "--loss-scale"),
            Map.entry("score", "--score"), Map.entry("optimizer", "--optimizer"), Map.entry("augment", "--augment-shift"),
            Map.entry("hybrid", "--spiking-epochs"), Map.entry("dropout", "--dropout"), Map.entry("init", "--init"), Map.entry("blocks", "--blocks"));

    /** The same problem, worded with the command-line flag. */
    static IllegalArgumentException withFlag(ConfigException e) {
        return new IllegalArgumentException(FLAGS.getOrDefault(e.setting(), e.setting()) + ": " + e.problem(), e);
    }

    public TrainingConfig apply(TrainingConfig c) {
        try {
            return applyFlags(c);
        } catch (ConfigException e) {
            throw withFlag(e);
        }
    }

    private TrainingConfig applyFlags(TrainingConfig c) {
        String kind = arch == null ? "mlp" : arch.toLowerCase(Locale.ROOT);
        if (blocks != null && !kind.equals("resnet")) throw new IllegalArgumentException("--blocks: only with --arch resnet");
        switch (kind) {
            case "mlp" -> {
                if (conv != null) throw new IllegalArgumentException("--conv: only with --arch conv or resnet");
                if (hidden != null) c = c.withHidden(hidden);
            }
            case "resnet" -> {
                List<LayerSpec> stem = new ArrayList<>();
                for (String s : conv == null ? new String[]{"16x3p1"} : conv) stem.add(convLayer(s));
                c = c.withLayers(ResidualNet.layers(stem, blocks == null ? 1 : blocks, hidden == null ? new int[]{256} : hidden))
                        .withEncoding(Encoding.DIRECT);
                c = c.withSteps(c.depth() + CONV_SCORED_STEPS);
            }
            case "conv" -> {
                List<LayerSpec> layers = new ArrayList<>();
                for (String s : conv == null ? new String[]{"16x5", "32x5"} : conv) layers.add(convLayer(s));
                if (hidden != null) for (int h : hidden) layers.add(new LayerSpec.Dense(h));
                // Direct input: the first conv layer then runs once per sample, not once per step. The steps grow with
                // the depth, since each layer's one-step delay shortens the window its spikes count in (T = 6 leaves
                // conv-conv-dense 2 scored steps; see docs/benchmarks.md, "Accuracy on Fashion-MNIST").
                c = c.withLayers(layers).withEncoding(Encoding.DIRECT);
                c = c.withSteps(c.depth() + CONV_SCORED_STEPS);
            }
            case "rnn" -> {
                if (conv != null) throw new IllegalArgumentException("--conv: only with --arch conv or resnet");
                List<LayerSpec> layers = new ArrayList<>();
                for (int h : hidden == null ? c.hidden() : hidden) layers.add(new LayerSpec.Recurrent(h));
                // One row per step, plus one step per layer so the last row reaches the readout.
                c = c.withEncoding(Encoding.SEQUENTIAL).withSteps(IMAGE_ROWS + layers.size() + 1).withLayers(layers);
            }
            default -> throw new IllegalArgumentException("--arch: unknown '" + arch + "'; choose mlp, conv, resnet or rnn");
        }
        if (encoding != null) c = c.withEncoding(encoding(encoding));
        if (steps != null) c = c.withSteps(steps);
        if (gain != null) c = c.withGain(gain);
        if (latencyCutoff != null) c = c.withInput(c.input().withLatencyCutoff(latencyCutoff));
        if (batch != null) c = c.withBatch(batch);
        if (epochs != null) c = c.withEpochs(epochs);
        if (lr != null) c = c.withLearningRate(lr);
        if (schedule != null || lrFloor != null) c = c.withSchedule(schedule(schedule == null ? "cosine" : schedule, lrFloor));
        if (optimizer != null) {
            switch (optimizer.toLowerCase(Locale.ROOT)) {
                case "adam" -> {
                    if (weightDecay != null && weightDecay > 0) throw new IllegalArgumentException("--weight-decay: needs --optimizer adamw (decoupled decay)");
                    c = c.withWeightDecay(0);
                }
                case "adamw" -> c = c.withWeightDecay(weightDecay == null ? 0.01 : weightDecay);
                default -> throw new IllegalArgumentException("--optimizer: unknown '" + optimizer + "'; choose adam or adamw");
            }
        } else if (weightDecay != null) {
            c = c.withWeightDecay(weightDecay);
        }
        if (clip != null) c = c.withClipNorm(clip);
        if (score != null) c = c.withScore(LossSpec.parse(score));
        if (lossScale != null) c = c.withLossScale(lossScale);
        if (du != null) c = c.withDu(du);
        if (dv != null) c = c.withDv(dv);
        if (threshold != null) c = c.withThreshold(threshold);
        if (reset != null) c = c.withReset(reset(reset));
        if (readoutDv != null) c = c.withReadoutDv(readoutDv);
        if (learnLeaks != null) c = c.withLearnLeaks(learnLeaks);
        if (learnThresholds != null) c = c.withLearnThresholds(learnThresholds);
        if (surrogate != null || dampening != null || sharpness != null || tailFatness != null) {
            c = c.withSurrogate(SurrogateFlags.surrogate(surrogate, dampening, sharpness, tailFatness));
        }
        if (adaliSchedule != null || chiAdapt != null || chiTolerance != null) {
            c = c.withSurrogateAdaptation(SurrogateFlags.adaptation(c.surrogate(), adaliSchedule, chiAdapt, chiTolerance));
        }
        if (initGain != null) {
            if (!(initGain > 0)) throw new IllegalArgumentException("--init-gain: must be > 0, got " + initGain);
            c = c.withInitializer(new ScaledNormalInitializer(initGain));
        }
        if (augmentShift != null && !Boolean.TRUE.equals(augment)) throw new IllegalArgumentException("--augment-shift: only with --augment");
        if (Boolean.TRUE.equals(augment)) c = c.withAugmentation(new Augmentation(true, augmentShift == null ? 2 : augmentShift));
        c = TrainingMethodFlags.apply(c, init, initialRate, initGain, sparsityTarget, sparsityWeight, hybrid, hybridLevels, hybridSchedule,
                spikingEpochs, weightBits);
        if (dropout != null) c = c.withDropout(dropout);
        if (seed != null) c = c.withSeed(seed);
        if (threads != null) c = c.withThreads(threads);
        if (limit != null) c = c.withLimit(limit);
        if (testLimit != null) c = c.withTestLimit(testLimit);
        return c;
    }

    private static final java.util.regex.Pattern CONV_SPEC = java.util.regex.Pattern.compile("(\\d+)x(\\d+)(?:p(\\d+))?(?:s(\\d+))?");

    /**
     * "16x5", "16x5p2" or "16x3p1s2": channels x kernel, optional padding, optional stride. A stride-1 layer is followed
     * by 2x2 sum pooling; a strided one is not: its stride already shrinks the map, and chips without pooling layers
     * take it as it is.
     */
    static LayerSpec convLayer(String s) {
        java.util.regex.Matcher m = CONV_SPEC.matcher(s.trim());
        if (!m.matches()) throw new IllegalArgumentException("--conv: '" + s + "' is not CxK[pP][sS] (e.g. 16x5, 16x5p2 or 16x3p1s2)");
        int stride = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        return new LayerSpec.Conv(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                stride, stride > 1 ? 1 : 2);
    }

    private static Encoding encoding(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "direct" -> Encoding.DIRECT;
            case "rate" -> Encoding.RATE;
            case "latency" -> Encoding.LATENCY;
            case "sequential" -> Encoding.SEQUENTIAL;
            default -> throw new IllegalArgumentException("--encoding: unknown '" + s + "'; choose direct, rate, latency or sequential");
        };
    }

    private static EpochSchedule schedule(String s, Double floor) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "cosine" -> {
                double f = floor == null ? 0.1 : floor;
                if (!(f >= 0 && f <= 1)) throw new IllegalArgumentException("--lr-floor: must be in [0, 1], got " + f);
                yield EpochSchedule.cosine(f);
            }
            case "constant" -> {
                if (floor != null) throw new IllegalArgumentException("--lr-floor: only with --schedule cosine");
                yield EpochSchedule.CONSTANT;
            }
            default -> throw new IllegalArgumentException("--schedule: unknown '" + s + "'; choose cosine or constant");
        };
    }

    private static Reset reset(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "zero" -> Reset.TO_ZERO;
            case "subtract" -> Reset.BY_SUBTRACTION;
            default -> throw new IllegalArgumentException("--reset: unknown '" + s + "'; choose zero or subtract");
        };
    }
}
