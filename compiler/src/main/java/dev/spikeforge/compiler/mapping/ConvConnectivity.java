package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.ConvGeometry;

/**
 * A conv layer's connectivity. Neuron (o, y, x) reads, in every input channel, the window of the
 * (zero-padded) input map its kernel covers at stride s; when the source was sum-pooled, each
 * pooled value is its pool × pool pre-pool neurons. Input axons of a range of neurons: per input
 * channel, the interval of the channel's plane (row-major) from the first source any of its
 * positions reads to the last, times the input channels; a range crossing an output channel's end
 * reads the union of two such intervals. Routing treats every neuron as reading the whole source
 * (spans cover it), which over-counts the previous layer's output axons: conservative. A source's
 * fan-out is counted exactly from the geometry, though: the spans would make every conv neuron read
 * every source.
 */
final class ConvConnectivity implements Connectivity {
    private final int fanIn, inChannels, plane, positions;

    /**
     * Out channels x the most output rows x the most output columns whose window covers one input
     * position.
     */
    private final long maxReaders;

    private final int[] synapses;

    /**
     * Per output position: the suffix minimum of its window's first plane index and prefix maximum
     * of its end (monotone).
     */
    private final int[] begin, end;

    ConvConnectivity(ConvGeometry g, int fanIn, int[] synapses) {
        this.fanIn = fanIn;
        this.synapses = synapses;
        this.inChannels = g.getInChannels();
        this.plane = fanIn / inChannels;
        int pooledPlane = g.getInHeight() * g.getInWidth();
        int sp = (int) Math.round(Math.sqrt(plane / (double) pooledPlane));
        int ws = g.getInWidth() * sp,
                k = g.getKernel(),
                pad = g.getPadding(),
                stride = Math.max(1, g.getStride());
        int oh = g.getOutHeight(), ow = g.getOutWidth();
        this.positions = oh * ow;
        begin = new int[positions];
        end = new int[positions];
        for (int y = 0; y < oh; y++) {
            int iy0 = Math.max(0, y * stride - pad),
                    iy1 = Math.min(g.getInHeight() - 1, y * stride + k - 1 - pad);
            for (int x = 0; x < ow; x++) {
                int ix0 = Math.max(0, x * stride - pad),
                        ix1 = Math.min(g.getInWidth() - 1, x * stride + k - 1 - pad);
                int p = y * ow + x;
                begin[p] = iy0 * sp * ws + ix0 * sp;
                end[p] = ((iy1 + 1) * sp - 1) * ws + (ix1 + 1) * sp;
            }
        }
        maxReaders =
                (long) g.getOutChannels()
                        * mostCovering(g.getInHeight(), oh, k, pad, stride)
                        * mostCovering(g.getInWidth(), ow, k, pad, stride);
        for (int p = positions - 2; p >= 0; p--) begin[p] = Math.min(begin[p], begin[p + 1]);
        for (int p = 1; p < positions; p++) end[p] = Math.max(end[p], end[p - 1]);
    }

    /**
     * Along one axis: the most outputs y in [0, outs) whose window [y·s − pad, y·s + k − 1 − pad]
     * holds one input i.
     */
    private static int mostCovering(int ins, int outs, int k, int pad, int stride) {
        int most = 0;
        for (int i = 0; i < ins; i++) {
            int lo = Math.max(0, Math.floorDiv(i + pad - k + stride, stride)),
                    hi = Math.min(outs - 1, Math.floorDiv(i + pad, stride));
            most = Math.max(most, hi - lo + 1);
        }
        return most;
    }

    @Override
    public long maxReaders(int size) {
        return maxReaders;
    }

    @Override
    public int fanIn() {
        return fanIn;
    }

    @Override
    public int synapses(int n) {
        return synapses[n];
    }

    @Override
    public int spanBegin(int n) {
        return 0;
    }

    @Override
    public int spanEnd(int n) {
        return fanIn;
    }

    @Override
    public boolean full() {
        return false;
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public long sources(int from, int to) {
        long perChannel;
        if (to - from >= positions) {
            perChannel = end[positions - 1] - begin[0];
        } else {
            int p0 = from % positions, p1 = (to - 1) % positions;
            if (p0 <= p1) {
                perChannel = end[p1] - begin[p0];
            } else {
                // Wraps into the next output channel: positions [p0, P) and [0, p1].
                long a0 = begin[0], a1 = end[p1], b0 = begin[p0], b1 = end[positions - 1];
                perChannel =
                        (a1 - a0) + (b1 - b0) - Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
            }
        }
        return perChannel * inChannels;
    }
}
