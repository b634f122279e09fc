package dev.spikeforge.trainer.train;

/** Derives independent generator seeds from the one user seed, one stream per purpose. */
public final class Seeds {
    public static final long INIT = 0x1A17L;
    public static final long SHUFFLE = 0x5_0000_0000L;
    public static final long TRAIN_ENCODING = 0x7E_0000_0000L;
    public static final long AUGMENTATION = 0xA6_0000_0000L;

    /** Hybrid training's error-diffusion start states. */
    public static final long HYBRID = 0xD1_0000_0000L;

    /** Dropout masks, one seed per epoch, batch and layer. */
    public static final long DROPOUT = 0xD7_0000_0000L;

    private Seeds() {}

    /** SplitMix64 finalizer of seed ⊕ purpose: nearby inputs give unrelated outputs. */
    public static long mix(long seed, long purpose) {
        long z = seed ^ (purpose * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
