package dev.spikeforge.runtime.sim.synapse;

/**
 * Event kernel storing each source's targets (ascending) as gaps from the previous target (the
 * first from local index 0) next to the 8-bit weight: 2 bytes per synapse with 8-bit gaps, 2.5 with
 * 12-bit gaps. A gap too large for the field is bridged by filler entries of the largest gap and
 * weight 0, which add nothing.
 *
 * <p>Per entry k: {@code entry[k]} = low 8 bits of the gap &lt;&lt; 8 | weight (two's complement
 * byte). With 12-bit gaps the gap's high 4 bits are nibble {@code k & 1} of {@code high[k >> 1]}.
 * {@code row[i + 1]} holds the end of source i's entries in its low {@link #ENTRY_BITS} bits and
 * the row's filler count above them (at most {@link #MAX_ROW_FILLERS}), so delivering a spike
 * returns its synaptic ops (fillers excluded) without a scan.
 */
public final class DeltaPartition extends SynapsePartition {
    static final int ENTRY_BITS = 27;
    static final int ENTRY_MASK = (1 << ENTRY_BITS) - 1;

    /** Entries a partition may hold so that every row end fits {@link #ENTRY_BITS} bits. */
    static final long MAX_ENTRIES = ENTRY_MASK;

    /**
     * Fillers a row may hold (the bits above {@link #ENTRY_BITS}). With 12-bit gaps a row spans at
     * most 65,535 targets, so it never needs more than 16; 8-bit gaps are used only for partitions
     * where no row needs more.
     */
    static final int MAX_ROW_FILLERS = (1 << (32 - ENTRY_BITS)) - 1;

    private static final int CHARS_PER_LINE = 32;

    private final int[] row;
    private final char[] entry;

    /** High nibbles of the 12-bit gaps; null with 8-bit gaps. */
    private final byte[] high;

    private final long synapses;

    private DeltaPartition(
            int base, int length, int[] row, char[] entry, byte[] high, long synapses) {
        super(base, length);
        this.row = row;
        this.entry = entry;
        this.high = high;
        this.synapses = synapses;
    }

    static int maxGap(int gapBits) {
        return (1 << gapBits) - 1;
    }

    /** Fillers a row of ascending local targets needs with gaps of {@code gapBits} bits. */
    static int fillers(char[] target, int from, int to, int gapBits) {
        int n = 0, prev = 0, span = maxGap(gapBits);
        for (int k = from; k < to; k++) {
            n += (target[k] - prev - 1) / span;
            prev = target[k];
        }
        return n;
    }

    /**
     * Encodes rows of local targets (ascending within each row) and weights: source i's synapses
     * are {@code [start[i], start[i + 1])}. {@code entries} = synapses plus the rows' {@link
     * #fillers}.
     */
    static DeltaPartition encode(
            int base,
            int length,
            int gapBits,
            int[] start,
            char[] target,
            byte[] weight,
            long entries) {
        if (gapBits != 8 && gapBits != 12)
            throw new IllegalArgumentException("gaps of 8 or 12 bits, not " + gapBits);
        if (entries > MAX_ENTRIES)
            throw new IllegalArgumentException(entries + " entries exceed " + MAX_ENTRIES);
        int sources = start.length - 1, maxGap = maxGap(gapBits);
        int[] row = new int[sources + 1];
        char[] entry = new char[(int) entries];
        byte[] high = gapBits == 8 ? null : new byte[(int) ((entries + 1) / 2)];
        int k = 0;
        for (int i = 0; i < sources; i++) {
            int prev = 0, fillers = 0;
            for (int j = start[i]; j < start[i + 1]; j++) {
                int gap = target[j] - prev;
                while (gap > maxGap) {
                    put(entry, high, k++, maxGap, 0);
                    gap -= maxGap;
                    fillers++;
                }
                put(entry, high, k++, gap, weight[j]);
                prev = target[j];
            }
            if (fillers > MAX_ROW_FILLERS) {
                throw new IllegalArgumentException(
                        "source "
                                + i
                                + " needs "
                                + fillers
                                + " fillers with "
                                + gapBits
                                + "-bit gaps, at most "
                                + MAX_ROW_FILLERS
                                + " fit");
            }
            row[i + 1] = k | fillers << ENTRY_BITS;
        }
        if (k != entries)
            throw new IllegalStateException("encoded " + k + " entries, expected " + entries);
        return new DeltaPartition(base, length, row, entry, high, start[sources]);
    }

    private static void put(char[] entry, byte[] high, int k, int gap, int weight) {
        entry[k] = (char) ((gap & 0xFF) << 8 | (weight & 0xFF));
        if (high != null) high[k >> 1] |= (byte) ((gap >> 8) << ((k & 1) << 2));
    }

    public int gapBits() {
        return high == null ? 8 : 12;
    }

    @Override
    public int deliver(int source, int[] acc) {
        final int s = row[source] & ENTRY_MASK, end = row[source + 1];
        final int e = end & ENTRY_MASK;
        if (high == null) {
            deliver8(s, e, acc);
        } else {
            deliver12(s, e, acc);
        }
        return e - s - (end >>> ENTRY_BITS);
    }

    @Override
    protected int loadAhead(int source) {
        final char[] en = entry;
        int s = row[source] & ENTRY_MASK,
                lim = Math.min(row[source + 1] & ENTRY_MASK, s + LOAD_AHEAD_LINES * CHARS_PER_LINE);
        int sum = 0;
        for (int j = s; j < lim; j += CHARS_PER_LINE) sum += en[j];
        return sum;
    }

    private void deliver8(int s, int e, int[] acc) {
        final char[] en = entry;
        int t = 0;
        for (int k = s; k < e; k++) {
            int c = en[k];
            t += c >>> 8;
            acc[t] += (byte) c;
        }
    }

    private void deliver12(int s, int e, int[] acc) {
        final char[] en = entry;
        final byte[] hi = high;
        int t = 0, k = s;
        if ((k & 1) != 0 && k < e) {
            int c = en[k];
            t = (c >>> 8) | (hi[k >> 1] & 0xF0) << 4;
            acc[t] += (byte) c;
            k++;
        }
        // Pairs share the byte of their high nibbles: one load, fixed shifts.
        for (; k + 1 < e; k += 2) {
            int h = hi[k >> 1], c0 = en[k], c1 = en[k + 1];
            t += (c0 >>> 8) | (h & 0xF) << 8;
            acc[t] += (byte) c0;
            t += (c1 >>> 8) | (h & 0xF0) << 4;
            acc[t] += (byte) c1;
        }
        if (k < e) {
            int c = en[k];
            t += (c >>> 8) | (hi[k >> 1] & 0xF) << 8;
            acc[t] += (byte) c;
        }
    }

    @Override
    public int fanOut(int source) {
        int end = row[source + 1];
        return (end & ENTRY_MASK) - (row[source] & ENTRY_MASK) - (end >>> ENTRY_BITS);
    }

    @Override
    public long bytes() {
        return 4L * row.length + 2L * entry.length + (high == null ? 0 : high.length);
    }

    @Override
    public String layout() {
        return high == null ? "sparse_delta8" : "sparse_delta12";
    }

    @Override
    public long synapses() {
        return synapses;
    }
}
