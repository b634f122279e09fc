package dev.spikeforge.compiler.mapping;

import java.util.List;

/**
 * Which cores send spikes to which, with the expected spikes per step on each route: every core of
 * a layer from every core of each of its sources (the layer before it, or every layer a residual
 * layer sums) whose neurons some of its neurons read (all of them for dense layers), and from the
 * host (src = −1) where it reads the input. A route carries each spike of its source core once.
 */
public final class RouteGraph {
    public static final int HOST = -1;
    final int[] src, dst;
    final double[] spikes;
    final int cores;

    private RouteGraph(int[] src, int[] dst, double[] spikes, int cores) {
        this.src = src;
        this.dst = dst;
        this.spikes = spikes;
        this.cores = cores;
    }

    public int size() {
        return src.length;
    }

    public int src(int r) {
        return src[r];
    }

    public int dst(int r) {
        return dst[r];
    }

    public double spikes(int r) {
        return spikes[r];
    }

    public static RouteGraph of(List<LayerShape> layers, Partition p, SpikeRates rates) {
        IntList s = new IntList(), d = new IntList();
        DoubleList w = new DoubleList();
        List<CoreUse> cores = p.cores();
        for (int l = 0; l < layers.size(); l++) {
            Connectivity conn = layers.get(l).connectivity();
            List<NeuronRange> to = p.layers().get(l);
            int dstBase = p.firstCore(l);
            // A layer with several sources reads the same span of each: routes from every source's
            // cores.
            for (int src : layers.get(l).sourcesAt(l)) {
                if (src < 0) {
                    for (int c = 0; c < to.size(); c++) {
                        s.add(HOST);
                        d.add(dstBase + c);
                        w.add(rates.hostRate());
                    }
                    continue;
                }
                List<NeuronRange> from = p.layers().get(src);
                int base = p.firstCore(src);
                double[] out = new double[from.size()];
                for (int k = 0; k < from.size(); k++)
                    out[k] = rates.range(src, from.get(k).begin(), from.get(k).end());
                int lo = 0;
                for (int c = 0; c < to.size(); c++) {
                    NeuronRange r = to.get(c);
                    int spanB = conn.full() ? 0 : conn.spanBegin(r.begin()),
                            spanE = conn.full() ? conn.fanIn() : conn.spanEnd(r.end() - 1);
                    // Source cores overlapping [spanB, spanE); both ends move forward with c
                    // (monotone spans).
                    while (lo < from.size() && from.get(lo).end() <= spanB) lo++;
                    for (int k = lo; k < from.size() && from.get(k).begin() < spanE; k++) {
                        s.add(base + k);
                        d.add(dstBase + c);
                        w.add(out[k]);
                    }
                }
            }
        }
        // A recurrent layer's cores send to each other, a core to itself included (0 hops).
        for (int l = 0; l < layers.size(); l++) {
            if (!layers.get(l).recurrent()) continue;
            List<NeuronRange> own = p.layers().get(l);
            int base = p.firstCore(l);
            for (int k = 0; k < own.size(); k++) {
                double out = rates.range(l, own.get(k).begin(), own.get(k).end());
                for (int c = 0; c < own.size(); c++) {
                    s.add(base + k);
                    d.add(base + c);
                    w.add(out);
                }
            }
        }
        return new RouteGraph(s.toArray(), d.toArray(), w.toArray(), cores.size());
    }

    /** Σ spikes × hops for cores on the given slots. */
    public double hopTraffic(int[] slotOfCore, Mesh mesh) {
        double t = 0;
        for (int r = 0; r < src.length; r++) t += spikes[r] * hops(r, slotOfCore, mesh);
        return t;
    }

    public int hops(int r, int[] slotOfCore, Mesh mesh) {
        int to = slotOfCore[dst[r]];
        return src[r] == HOST ? mesh.hopsFromHost(to) : mesh.hops(slotOfCore[src[r]], to);
    }

    /** Growable primitive lists: a large network has millions of routes, too many to box. */
    static final class IntList {
        int[] a = new int[16];
        int n;

        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    static final class DoubleList {
        double[] a = new double[16];
        int n;

        void add(double v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
