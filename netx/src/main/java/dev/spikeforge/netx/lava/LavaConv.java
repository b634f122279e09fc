package dev.spikeforge.netx.lava;

import dev.spikeforge.netx.format.IntTensor;

/**
 * A netx {@code conv} layer as explicit synapses, the way Lava computes it (lava {@code
 * proc/conv/utils.py}, with netx's kernel flip in {@code hdf5.py}): output (o, y, x) receives Σ
 * over its group's input channels c and taps (i, j) of {@code weight[o][c][i][j]} times input (c,
 * y·sH + i·dH − pH, x·sW + j·dW − pW), taps outside the map reading zero padding. That is PyTorch's
 * cross-correlation with the file's kernel: netx flips the kernel and Lava convolves, which flips
 * it back. Lava's conv synapse applies no weight exponent and no clipping: it delivers that sum
 * (wrapped to 24 signed bits). Neurons and sources are numbered (channel, row, column), as Lava's
 * flatten orders them.
 */
public final class LavaConv {
    private final int inC, inH, inW, outC, outH, outW, kH, kW, groups;
    private final int[] stride, padding, dilation;
    private final IntTensor weight;

    /**
     * @param input the input map [C, H, W]
     * @param weight [out, C / groups, kH, kW]
     * @param stride, padding, dilation [along H, along W]
     */
    public LavaConv(
            int[] input,
            IntTensor weight,
            int[] stride,
            int[] padding,
            int[] dilation,
            int groups) {
        this.inC = input[0];
        this.inH = input[1];
        this.inW = input[2];
        this.weight = weight;
        this.outC = weight.dim(0);
        this.kH = weight.dim(2);
        this.kW = weight.dim(3);
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        this.outH = Math.floorDiv(inH + 2 * padding[0] - dilation[0] * (kH - 1) - 1, stride[0]) + 1;
        this.outW = Math.floorDiv(inW + 2 * padding[1] - dilation[1] * (kW - 1) - 1, stride[1]) + 1;
    }

    /** Why Lava cannot build this convolution, or null. */
    public String problem() {
        if (groups < 1 || inC % groups != 0 || outC % groups != 0) {
            return "groups "
                    + groups
                    + " must divide the "
                    + inC
                    + " input and "
                    + outC
                    + " output channels";
        }
        if (weight.dim(1) != inC / groups)
            return "kernel has "
                    + weight.dim(1)
                    + " input channels, the map has "
                    + inC
                    + " / groups "
                    + groups;
        for (int a = 0; a < 2; a++) {
            if (stride[a] < 1 || dilation[a] < 1 || padding[a] < 0)
                return "stride and dilation must be at least 1 and padding at least 0";
        }
        if (outH < 1 || outW < 1) return "the output map would be " + outH + " x " + outW;
        return null;
    }

    /** [out channels, rows, columns] of the output map. */
    public int[] outputShape() {
        return new int[] {outC, outH, outW};
    }

    public int size() {
        return outC * outH * outW;
    }

    public int fanIn() {
        return inC * inH * inW;
    }

    /**
     * The synapses by source (CSR): start offsets (fanIn + 1), target neurons and weights; zero
     * weights are left out.
     */
    public Csr synapses() {
        int perGroupIn = inC / groups, perGroupOut = outC / groups;
        int[] count = new int[fanIn() + 1];
        visit((src, dst, w) -> count[src + 1]++, perGroupIn, perGroupOut);
        for (int s = 0; s < fanIn(); s++) count[s + 1] += count[s];
        int[] target = new int[count[fanIn()]],
                weights = new int[target.length],
                next = count.clone();
        visit(
                (src, dst, w) -> {
                    target[next[src]] = dst;
                    weights[next[src]++] = w;
                },
                perGroupIn,
                perGroupOut);
        return new Csr(count, target, weights);
    }

    private interface Synapse {
        void at(int source, int target, int weight);
    }

    private void visit(Synapse out, int perGroupIn, int perGroupOut) {
        for (int o = 0; o < outC; o++) {
            int g = o / perGroupOut;
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    int dst = (o * outH + y) * outW + x;
                    for (int cl = 0; cl < perGroupIn; cl++) {
                        int c = g * perGroupIn + cl;
                        for (int i = 0; i < kH; i++) {
                            int yi = y * stride[0] + i * dilation[0] - padding[0];
                            if (yi < 0 || yi >= inH) continue;
                            for (int j = 0; j < kW; j++) {
                                int xi = x * stride[1] + j * dilation[1] - padding[1];
                                if (xi < 0 || xi >= inW) continue;
                                int w = weight.get(((o * perGroupIn + cl) * kH + i) * kW + j);
                                if (w != 0) out.at((c * inH + yi) * inW + xi, dst, w);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * CSR synapses by source: source s's synapses are entries start[s] .. start[s+1]−1 of target
     * and weight.
     */
    public record Csr(int[] start, int[] target, int[] weight) {}
}
