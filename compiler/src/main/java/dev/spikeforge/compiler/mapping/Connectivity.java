package dev.spikeforge.compiler.mapping;

/**
 * Which sources the neurons of one layer read, in the compact form the mapper works from (no
 * weights): per neuron its synapse count and the interval of source indices that holds all its
 * synapses. Spans must be non-decreasing in both ends as the neuron index grows, so the sources of
 * a contiguous range of neurons are one interval.
 */
public interface Connectivity {
    /** Sources of the layer: the previous layer's size, or the input size for layer 0. */
    int fanIn();

    /** Synapses (nonzero weights) of neuron n. */
    int synapses(int n);

    /** First source of neuron n's span. */
    int spanBegin(int n);

    /** One past the last source of neuron n's span. */
    int spanEnd(int n);

    /**
     * Every neuron's span is the whole source layer (a dense matrix): lets the mapper use closed
     * forms.
     */
    boolean full();

    /**
     * Sources neurons [from, to) read between them, as a core holding them receives them: the whole
     * source when dense, else the interval from the first neuron's span begin to the last one's
     * end.
     */
    default long sources(int from, int to) {
        return full() ? fanIn() : (long) spanEnd(to - 1) - spanBegin(from);
    }

    /**
     * Neurons store only their synapses (a conv layer's kernel taps), whatever the chip's storage:
     * a dense slot per source of a span would charge zeros no chip stores for a convolution.
     */
    default boolean local() {
        return false;
    }

    /**
     * The most of this layer's {@code size} neurons that read any one source: a source neuron's
     * fan-out. From the spans by default (a difference array over them), which over-counts when a
     * span is wider than what a neuron reads.
     */
    default long maxReaders(int size) {
        int sources = fanIn();
        long[] diff = new long[sources + 1];
        for (int n = 0; n < size; n++) {
            diff[Math.min(sources, spanBegin(n))]++;
            diff[Math.min(sources, spanEnd(n))]--;
        }
        long run = 0, max = 0;
        for (int j = 0; j < sources; j++) {
            run += diff[j];
            max = Math.max(max, run);
        }
        return max;
    }

    /** All-to-all with the given per-neuron nonzero counts (null: every synapse present). */
    static Connectivity dense(int fanIn, int[] nonzero) {
        return new Connectivity() {
            public int fanIn() {
                return fanIn;
            }

            public int synapses(int n) {
                return nonzero == null ? fanIn : nonzero[n];
            }

            public int spanBegin(int n) {
                return 0;
            }

            public int spanEnd(int n) {
                return fanIn;
            }

            public boolean full() {
                return true;
            }
        };
    }
}
