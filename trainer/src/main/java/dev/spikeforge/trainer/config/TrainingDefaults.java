package dev.spikeforge.trainer.config;

/**
 * The defaults of every training setting, in one place so the library, the command line and its
 * help agree. Compile- time constants, so the CLI can put them in its option annotations. Settings
 * whose default depends on the network kind (steps, encoding, layers) have it as a rule here:
 * {@link #convSteps}, {@link #sequentialSteps}.
 */
public final class TrainingDefaults {
    private TrainingDefaults() {}

    // ---- TrainingConfig.defaults(): 784-128-10, rate coding (docs/benchmarks.md, "Default and
    // demo configurations")
    public static final int HIDDEN = 128;
    public static final int STEPS = 20;

    /** The demo's T: short enough for its two epochs. */
    public static final int DEMO_STEPS = 15;

    public static final float GAIN = 1.0f;
    public static final float LATENCY_CUTOFF = 0f;
    public static final int BATCH = 128;
    public static final int EPOCHS = 2;
    public static final long SEED = 42L;
    public static final int THREADS = 2;
    public static final double LEARNING_RATE = 2e-3;
    public static final double ADAM_BETA1 = 0.9, ADAM_BETA2 = 0.999, ADAM_EPSILON = 1e-8;

    /** The cosine schedule's last epoch runs at this fraction of the learning rate. */
    public static final double LR_FLOOR = 0.1;

    /** AdamW's decoupled weight decay when the optimizer is chosen without a decay. */
    public static final double ADAMW_WEIGHT_DECAY = 0.01;

    /** Softens the softmax on the readout's summed potential; learned better than 1.0. */
    public static final double LOSS_SCALE = 0.2;

    public static final double DU = 1.0, DV = 0.05, THRESHOLD = 1.0, READOUT_DV = 0.0;
    public static final double SURROGATE_DAMPENING = 1.0, SURROGATE_SHARPNESS = 1.0;
    public static final double INIT_GAIN = 1.0;
    public static final double DROPOUT = 0.0;

    /** Largest random shift of an augmented training image, in pixels. */
    public static final int AUGMENT_SHIFT = 2;

    // ---- network kinds, in the command line's CxK[pP][sS] notation ({@link ConvNotation})
    public static final String CONV_LAYERS = "16x5,32x5";
    public static final String RESNET_STEM = "16x3p1";
    public static final int RESNET_BLOCKS = 1;
    public static final int RESNET_HIDDEN = 256;

    /**
     * Conv nets get T = depth + this: the steps each hidden layer's spikes can reach the score (T =
     * 10 beat T = 6).
     */
    public static final int CONV_SCORED_STEPS = 6;

    /** Fashion-MNIST images have 28 rows: sequential encoding presents one per step. */
    public static final int IMAGE_ROWS = 28;

    // ---- training methods
    public static final double STABLE_INITIAL_RATE = 0.5;
    public static final int STABLE_TUNING_BATCHES = 4;
    public static final double SPARSITY_WEIGHT = 1.0;
    public static final int HYBRID_LEVELS = 16;
    public static final String HYBRID_SCHEDULE = "halving";
    public static final int HYBRID_SPIKING_EPOCHS = 1;

    /**
     * A conv or residual net's steps: its depth (layers with the readout) plus {@link
     * #CONV_SCORED_STEPS}.
     */
    public static int convSteps(int depth) {
        return depth + CONV_SCORED_STEPS;
    }

    /**
     * Sequential input's steps: one row per step, plus one step per layer so the last row reaches
     * the readout.
     */
    public static int sequentialSteps(int hiddenLayers) {
        return IMAGE_ROWS + hiddenLayers + 1;
    }
}
