package dev.spikeforge.netx;

import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Small trained networks, and runs of compiled ones on the simulator, for the netx tests. */
final class Nets {
    private Nets() {}

    static ChipProfile loihi2() {
        return ChipProfiles.load("loihi2");
    }

    static TrainedLayer layer(
            String name,
            LayerKind kind,
            int size,
            int fanIn,
            long seed,
            float du,
            float dv,
            boolean bias) {
        TrainedLayer.Builder b =
                TrainedLayer.newBuilder()
                        .setName(name)
                        .setKind(kind)
                        .setSize(size)
                        .setWeights(tensor(random(size * fanIn, seed, 0.5), size, fanIn))
                        .setNeuron(
                                FloatLifParams.newBuilder()
                                        .setDu(du)
                                        .setDv(dv)
                                        .setThreshold(1f)
                                        .setReset(ResetMode.RESET_TO_ZERO));
        if (bias) b.setBias(tensor(random(size, seed + 100, 0.05), size));
        if (kind == LayerKind.RECURRENT_LIF)
            b.setRecurrentWeights(tensor(random(size * size, seed + 200, 0.3), size, size));
        return b.build();
    }

    /** 40 inputs → 24 dense LIF (bias) → 16 recurrent LIF (bias) → 6 readout. */
    static TrainedNetwork mlp() {
        return network(
                40,
                30,
                layer("hidden", LayerKind.DENSE_LIF, 24, 40, 1, 0.2f, 0.05f, true),
                layer("rec", LayerKind.RECURRENT_LIF, 16, 24, 2, 0.5f, 0.1f, true),
                layer("readout", LayerKind.READOUT, 6, 16, 3, 0.3f, 0.02f, false));
    }

    static TrainedNetwork network(int inputs, int steps, TrainedLayer... layers) {
        TrainedNetwork.Builder b =
                TrainedNetwork.newBuilder()
                        .setName("netx-test")
                        .setInput(
                                InputSpec.newBuilder()
                                        .addShape(inputs)
                                        .setSteps(steps)
                                        .setEncodingSeed(7)
                                        .setGain(1f));
        for (TrainedLayer l : layers) b.addLayers(l);
        return b.build();
    }

    static float[] random(int n, long seed, double range) {
        Random r = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) ((r.nextDouble() * 2 - 1) * range);
        return w;
    }

    static Tensor tensor(float[] v, int... shape) {
        Tensor.Builder t = Tensor.newBuilder();
        for (int s : shape) t.addShape(s);
        for (float x : v) t.addValues(x);
        return t.build();
    }

    /** Random input spikes: per step, the axons that spike (each with probability p). */
    static int[][] spikes(int inputs, int steps, double p, long seed) {
        Random r = new Random(seed);
        int[][] out = new int[steps][];
        for (int t = 0; t < steps; t++) {
            int[] s = new int[inputs];
            int k = 0;
            for (int i = 0; i < inputs; i++) if (r.nextDouble() < p) s[k++] = i;
            out[t] = Arrays.copyOf(s, k);
        }
        return out;
    }

    /**
     * Per step, per layer: the neurons that spiked, then every layer's voltages after the last
     * step.
     */
    static List<String> run(CompiledNetwork net, int[][] input) {
        List<String> trace = new ArrayList<>();
        try (Simulator sim = new Simulator(net)) {
            for (int[] s : input) {
                sim.step(s, s.length);
                StringBuilder line = new StringBuilder();
                for (int l = 0; l < sim.layerCount(); l++)
                    line.append(Arrays.toString(spiked(sim.spikes(l)))).append(' ');
                trace.add(line.toString());
            }
            for (int l = 0; l < sim.layerCount(); l++)
                trace.add("v" + l + " " + Arrays.toString(sim.voltages(l)));
        }
        return trace;
    }

    private static int[] spiked(boolean[] s) {
        return java.util.stream.IntStream.range(0, s.length).filter(i -> s[i]).toArray();
    }
}
