package dev.spikeforge.compiler;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.Random;

/** Small networks and profiles for tests. */
public final class Fixtures {
    private Fixtures() {}

    public static TrainedLayer dense(
            String name, int size, int fanIn, float[] weights, float[] bias, float threshold) {
        TrainedLayer.Builder b =
                TrainedLayer.newBuilder()
                        .setName(name)
                        .setKind(LayerKind.DENSE_LIF)
                        .setSize(size)
                        .setWeights(tensor(weights, size, fanIn))
                        .setNeuron(
                                FloatLifParams.newBuilder()
                                        .setDu(0.1f)
                                        .setDv(0.05f)
                                        .setThreshold(threshold)
                                        .setReset(ResetMode.RESET_TO_ZERO));
        if (bias != null) b.setBias(tensor(bias, size));
        return b.build();
    }

    /**
     * A RECURRENT_LIF layer: feed-forward weights [size, fanIn] and recurrent [size, size] (m -> n
     * at n * size + m).
     */
    public static TrainedLayer recurrent(
            String name, int size, int fanIn, float[] weights, float[] recurrent, float threshold) {
        return dense(name, size, fanIn, weights, null, threshold).toBuilder()
                .setKind(LayerKind.RECURRENT_LIF)
                .setRecurrentWeights(tensor(recurrent, size, size))
                .build();
    }

    public static TrainedLayer readout(String name, int size, int fanIn, float[] weights) {
        return TrainedLayer.newBuilder()
                .setName(name)
                .setKind(LayerKind.READOUT)
                .setSize(size)
                .setWeights(tensor(weights, size, fanIn))
                .setNeuron(FloatLifParams.newBuilder().setDu(0f).setDv(0f).setThreshold(1f))
                .build();
    }

    /**
     * A CONV_LIF layer: input map [c, h, w], kernel [o, c, k, k], zero padding pad, stride 1, sum
     * pooling pool; du = 1, dv = 0 (no current memory, no leak: the chip's decays are then exact).
     */
    public static TrainedLayer conv(
            String name,
            int c,
            int h,
            int w,
            int o,
            int k,
            int pad,
            int pool,
            float[] kernel,
            float[] bias,
            float threshold,
            ResetMode reset) {
        int oh = h + 2 * pad - k + 1, ow = w + 2 * pad - k + 1;
        TrainedLayer.Builder b =
                TrainedLayer.newBuilder()
                        .setName(name)
                        .setKind(LayerKind.CONV_LIF)
                        .setSize(o * oh * ow)
                        .setWeights(tensor(kernel, o, c, k, k))
                        .setNeuron(
                                FloatLifParams.newBuilder()
                                        .setDu(1f)
                                        .setDv(0f)
                                        .setThreshold(threshold)
                                        .setReset(reset))
                        .setConv(
                                dev.spikeforge.proto.ConvGeometry.newBuilder()
                                        .setInChannels(c)
                                        .setInHeight(h)
                                        .setInWidth(w)
                                        .setOutChannels(o)
                                        .setKernel(k)
                                        .setPadding(pad)
                                        .setStride(1)
                                        .setOutHeight(oh)
                                        .setOutWidth(ow)
                                        .setPool(pool));
        if (bias != null) b.setBias(tensor(bias, o));
        return b.build();
    }

    /**
     * Integers in [-m, m] over 64 (exact on the chip when the largest is 127/64: k = 64), seeded;
     * entry 0 is 127/64.
     */
    public static float[] sixtyFourths(int n, int m, long seed) {
        Random r = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (r.nextInt(2 * m + 1) - m) / 64f;
        w[0] = 127 / 64f;
        return w;
    }

    /** A dense layer with seeded random weights in [-0.5, 0.5]. */
    public static TrainedLayer randomDense(String name, int size, int fanIn, long seed) {
        return dense(name, size, fanIn, random(size * fanIn, seed), null, 1f);
    }

    public static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) (r.nextDouble() - 0.5);
        return w;
    }

    public static TrainedNetwork network(int inputs, int steps, TrainedLayer... layers) {
        TrainedNetwork.Builder b =
                TrainedNetwork.newBuilder()
                        .setName("test-net")
                        .setInput(
                                InputSpec.newBuilder()
                                        .addShape(inputs)
                                        .setSteps(steps)
                                        .setEncodingSeed(7)
                                        .setGain(1f));
        for (TrainedLayer l : layers) b.addLayers(l);
        return b.build();
    }

    /**
     * Feed-forward chain of random dense layers: sizes[0] inputs, then one layer per further size.
     */
    public static TrainedNetwork chain(int... sizes) {
        TrainedLayer[] layers = new TrainedLayer[sizes.length - 1];
        for (int i = 1; i < sizes.length; i++)
            layers[i - 1] = randomDense("l" + (i - 1), sizes[i], sizes[i - 1], i);
        return network(sizes[0], 10, layers);
    }

    /**
     * A tiny chip: 4 neurons and 8 axons per core, fan-in and fan-out 8, 256 bits of synapse memory
     * (exactly 4 neurons x 8 inputs x 8 bits), 8-bit weights, 4 cores per chip on a 2 x 2 mesh, one
     * chip.
     */
    public static ChipProfile.Builder tiny() {
        return ChipProfile.newBuilder()
                .setName("tiny")
                .setNeuronsPerCore(4)
                .setInputAxonsPerCore(8)
                .setOutputAxonsPerCore(8)
                .setMaxFanIn(8)
                .setMaxFanOut(8)
                .setSynapseMemoryBitsPerCore(256)
                .setWeightBits(8)
                .setCoresPerChip(4)
                .setChips(1)
                .setMeshWidth(2)
                .setMeshHeight(2)
                .setEnergy(
                        EnergyModel.newBuilder()
                                .setSynapticOpJ(1e-11)
                                .setSpikeJ(1e-12)
                                .setStepSeconds(1e-3));
    }

    static Tensor tensor(float[] v, int... shape) {
        Tensor.Builder t = Tensor.newBuilder();
        for (int s : shape) t.addShape(s);
        for (float x : v) t.addValues(x);
        return t.build();
    }
}
