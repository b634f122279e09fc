package dev.spikeforge.proto.artifact.validate;

/**
 * The ranges every number of an artifact must lie in, in one place so the validator, the command
 * line's flag checks and the documentation (docs/compiled-network.md, "Limits") agree. The
 * fixed-point ones are the neuron model's own (neuron's FixedPoint, which depends on this module,
 * not the other way: FormatLimitsMatchFixedPointTest holds them equal); the sizes keep every index,
 * count and array length of the simulator inside Java's int, and every product of them inside long,
 * so no check and no computation can overflow.
 */
public final class FormatLimits {
    /**
     * Neurons of one layer, and input axons of a network: 2^30, so size × 2 and an array of them
     * stay inside int.
     */
    public static final long MAX_NEURONS = 1L << 30;

    public static final int MAX_LAYERS = 4096;

    /**
     * Steps of a sample or a run: ten million (the per-step input table of a run is held in
     * memory).
     */
    public static final long MAX_STEPS = 10_000_000;

    public static final int MIN_WEIGHT_BITS = 1;
    public static final int MAX_WEIGHT_BITS = 16;

    /**
     * The widest weight_exponent range a profile may declare, and so the range of any layer's
     * weight_exp.
     */
    public static final int MIN_WEIGHT_EXP = -16;

    public static final int MAX_WEIGHT_EXP = 15;

    /** Threshold mantissas: vth_mant << 6 must fit the 24-bit voltage register. */
    public static final long MAX_VTH_MANT = ((1 << 23) - 1) >> 6;

    /** 12-bit decays du and dv. */
    public static final long MAX_DECAY = (1 << 12) - 1;

    public static final long MAX_BIAS_MANT = (1 << 12) - 1;
    public static final long MAX_BIAS_EXP = 7;

    /** SHIFT_LIF's syn_shift and mem_shift: a shift of the 24-bit registers. */
    public static final long MAX_SHIFT = 24 - 1;

    /**
     * A layer's refractory period and extra axonal delay, and the profile maxima that bound them
     * (16 bits).
     */
    public static final long MAX_REFRACTORY_STEPS = 65_535;

    public static final long MAX_AXON_DELAY = 65_535;
    public static final long MAX_CORES = 1L << 24;
    public static final long MAX_ROUTE_HOPS = 1L << 20;

    /**
     * The largest input a neuron may receive in one step, Σ|w| × 2^weight_exp × 64 over all its
     * synapses: up to 2^24 the current register, which wraps by 2^24 once per step, stays bounded
     * and every step is computed exactly in 32 bits; beyond it the register would grow without
     * bound and overflow.
     */
    public static final long MAX_STEP_INPUT = 1L << 24;

    /**
     * Per-event energies of a profile, in joules, and its static power in watts: finite and at most
     * these.
     */
    public static final double MAX_EVENT_J = 1.0;

    public static final double MAX_STATIC_POWER_W = 1000.0;
    public static final double MAX_STEP_SECONDS = 3600.0;

    /**
     * Width of a graded spike's or input event's payload (Loihi 2's graded spikes: up to 24 bits).
     */
    public static final long MAX_PAYLOAD_BITS = 24;

    /** Cores per tile along one side of the mesh. */
    public static final long MAX_TILE_CORES = 1 << 16;

    /** A binary artifact's payload: what one protobuf message and one Java array can hold. */
    public static final long MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 64;

    /** A JSON form read whole into memory (parsing it takes several times its size). */
    public static final long MAX_JSON_BYTES = 512L << 20;

    private FormatLimits() {}

    /**
     * Largest magnitude of a weight of {@code bits} signed bits: 2^(bits−1) − 1, and 1 for binary
     * weights.
     */
    public static long maxWeight(int bits) {
        return bits <= 1 ? 1 : (1L << (bits - 1)) - 1;
    }
}
