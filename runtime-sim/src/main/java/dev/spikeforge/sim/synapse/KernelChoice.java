package dev.spikeforge.sim.synapse;

/** How a connection's synapses are laid out for delivery. */
public enum KernelChoice {
    /** Dense rows when at least {@link #DENSE_MIN_DENSITY} of the possible synapses exist, else the event kernel. */
    AUTO,
    /** CSR by source, 16-bit index + 8-bit weight per synapse: work proportional to the synapses of spiking sources. */
    SPARSE,
    /** Dense 8-bit rows per source: no index reads, but zeros are added too. */
    DENSE;

    /** A dense row costs about half a sparse event per entry, so dense pays off from about this density on. */
    public static final double DENSE_MIN_DENSITY = 0.5;
    /** Dense rows are not used beyond this many bytes per connection, whatever the density. */
    public static final long DENSE_MAX_BYTES = 256L << 20;

    boolean dense(long synapses, long sources, long targets) {
        long cells = sources * targets;
        return switch (this) {
            case SPARSE -> false;
            case DENSE -> true;
            case AUTO -> cells > 0 && cells <= DENSE_MAX_BYTES && synapses >= DENSE_MIN_DENSITY * cells;
        };
    }
}
