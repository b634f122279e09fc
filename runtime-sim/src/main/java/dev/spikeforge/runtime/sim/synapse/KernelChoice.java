package dev.spikeforge.runtime.sim.synapse;

/** How a connection's synapses are laid out for delivery. */
public enum KernelChoice {
    /**
     * Dense rows when at least {@link #DENSE_MIN_DENSITY} of the possible synapses exist, else the
     * event kernel.
     */
    AUTO,
    /**
     * Event kernel (CSR by source: work proportional to the synapses of spiking sources), in the
     * smallest of its layouts for each partition: {@link #SPARSE_DELTA8}, {@link #SPARSE_DELTA12}
     * or {@link #SPARSE_INDEXED}.
     */
    SPARSE,
    /** Dense 8-bit rows per source: no index reads, but zeros are added too. */
    DENSE,
    /** Event kernel, 16-bit partition-local target index + 8-bit weight per synapse: 3 bytes. */
    SPARSE_INDEXED,
    /**
     * Event kernel, 8-bit gap to the previous target + 8-bit weight: 2 bytes per synapse plus a
     * filler per 255 skipped.
     */
    SPARSE_DELTA8,
    /**
     * Event kernel, 12-bit gap to the previous target + 8-bit weight: 2.5 bytes per synapse plus a
     * filler per 4,095 skipped.
     */
    SPARSE_DELTA12;

    /**
     * The flag values, lower case, in declaration order ("auto, sparse, dense, sparse_indexed,
     * ...").
     */
    public static String names() {
        return java.util.Arrays.stream(values())
                .map(KernelChoice::flagName)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The kernel a flag value names, case-insensitive; the error lists every value. */
    public static KernelChoice parse(String value) {
        for (KernelChoice k : values()) if (k.flagName().equalsIgnoreCase(value)) return k;
        throw new IllegalArgumentException("choose one of " + names() + ", got '" + value + "'");
    }

    public String flagName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * What one synapse of a layout costs, for summaries: e.g. "8-bit gap + 8-bit weight = 2 B";
     * null for auto and sparse, which choose among the layouts.
     */
    public String storage() {
        return switch (this) {
            case DENSE -> "8-bit weight per (source, target) cell, zeros included";
            case SPARSE_INDEXED -> "16-bit target index + 8-bit weight = 3 B";
            case SPARSE_DELTA8 ->
                    "8-bit gap + 8-bit weight = 2 B, plus a filler per 255 skipped targets";
            case SPARSE_DELTA12 ->
                    "12-bit gap + 8-bit weight = 2.5 B, plus a filler per 4,095 skipped targets";
            default -> null;
        };
    }

    /**
     * A dense row costs about half a sparse event per entry, so dense pays off from about this
     * density on.
     */
    public static final double DENSE_MIN_DENSITY = 0.5;

    /** Dense rows are not used beyond this many bytes per connection, whatever the density. */
    public static final long DENSE_MAX_BYTES = 256L << 20;

    boolean dense(long synapses, long sources, long targets) {
        long cells = sources * targets;
        return switch (this) {
            case DENSE -> true;
            case AUTO ->
                    cells > 0 && cells <= DENSE_MAX_BYTES && synapses >= DENSE_MIN_DENSITY * cells;
            default -> false;
        };
    }

    /**
     * The event-kernel layout of one partition: 0 = indexed, else the gap width in bits. {@code
     * entries8} / {@code entries12} are the entries (synapses + fillers) each gap width needs, -1
     * where it cannot hold the partition.
     */
    int sparseLayout(long synapses, long entries8, long entries12) {
        return switch (this) {
            case SPARSE_INDEXED -> 0;
            case SPARSE_DELTA8 -> require(8, entries8);
            case SPARSE_DELTA12 -> require(12, entries12);
            default -> {
                // bytes × 2: indexed 6, 8-bit gaps 4, 12-bit gaps 5 per entry; ties go to the
                // faster kernel
                long indexed = 6 * synapses, d8 = entries8 < 0 ? Long.MAX_VALUE : 4 * entries8;
                long d12 = entries12 < 0 ? Long.MAX_VALUE : 5 * entries12;
                if (d8 <= d12 && d8 <= indexed) yield 8;
                yield d12 < indexed ? 12 : 0;
            }
        };
    }

    private int require(int bits, long entries) {
        if (entries < 0) {
            throw new IllegalArgumentException(
                    "kernel "
                            + name().toLowerCase(java.util.Locale.ROOT)
                            + " cannot hold a partition of this network ("
                            + (bits == 8
                                    ? "a source needs more than "
                                            + DeltaPartition.MAX_ROW_FILLERS
                                            + " fillers between distant targets, or "
                                    : "")
                            + "more than "
                            + DeltaPartition.MAX_ENTRIES
                            + " entries); use sparse, which picks a layout that fits");
        }
        return bits;
    }
}
