package dev.spikeforge.nir.convert;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.nir.graph.*;
import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.nir.hdf5.NirWriter;
import dev.spikeforge.proto.*;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.nio.file.Path;
import java.util.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export-nir of a compiled network: its integer parameters in NIR nodes, and a forward-Euler run of
 * the written graph (NIR's equations, written out here) against the bit-exact simulator: identical
 * without leaks, within the truncation bound with them.
 */
class CompiledExportTest {
    /** A power of two, so dt·r, dt/tau and v_threshold·dt are exact in float64. */
    static final double DT = Math.scalb(1.0, -10);

    @TempDir Path dir;

    static Tensor tensor(float[] v, int... shape) {
        Tensor.Builder t = Tensor.newBuilder();
        for (int s : shape) t.addShape(s);
        for (float x : v) t.addValues(x);
        return t.build();
    }

    static float[] random(int n, long seed, double range) {
        Random r = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) ((r.nextDouble() * 2 - 1) * range);
        return w;
    }

    static TrainedLayer layer(
            String name,
            LayerKind kind,
            int size,
            int fanIn,
            long seed,
            float du,
            float dv,
            float threshold) {
        return layer(name, kind, size, fanIn, seed, du, dv, threshold, true);
    }

    static TrainedLayer layer(
            String name,
            LayerKind kind,
            int size,
            int fanIn,
            long seed,
            float du,
            float dv,
            float threshold,
            boolean bias) {
        TrainedLayer.Builder b =
                TrainedLayer.newBuilder()
                        .setName(name)
                        .setKind(kind)
                        .setSize(size)
                        .setWeights(tensor(random(size * fanIn, seed, 0.5), size, fanIn))
                        .setBias(
                                tensor(bias ? random(size, seed + 9, 0.02) : new float[size], size))
                        .setNeuron(
                                FloatLifParams.newBuilder()
                                        .setDu(du)
                                        .setDv(dv)
                                        .setThreshold(threshold)
                                        .setReset(ResetMode.RESET_TO_ZERO));
        if (kind == LayerKind.RECURRENT_LIF)
            b.setRecurrentWeights(tensor(random(size * size, seed + 5, 0.3), size, size));
        return b.build();
    }

    /** Compiled for loihi2 with weight exponents ≥ 0, so no step's input is truncated. */
    static CompiledNetwork compile(TrainedLayer... layers) {
        TrainedNetwork.Builder n =
                TrainedNetwork.newBuilder()
                        .setName("chip")
                        .setInput(InputSpec.newBuilder().addShape(30).setSteps(40).setGain(1f));
        for (TrainedLayer l : layers) n.addLayers(l);
        ChipProfile p =
                ChipProfiles.load("loihi2").toBuilder()
                        .setWeightExponent(WeightExponentRange.newBuilder().setMin(0).setMax(7))
                        .build();
        return Compiler.compile(n.build(), p);
    }

    NirGraph written(CompiledNetwork c) throws Exception {
        CompiledAsFloat.Result f = CompiledAsFloat.of(c);
        NirExporter.Result r = NirExporter.convert(f.network(), new NirExporter.Options(DT, true));
        Path file = dir.resolve("chip.nir");
        NirWriter.write(file, r.document());
        return NirReader.read(file).graph();
    }

    @Test
    void theIntegerParametersAreTheNodesParameters() throws Exception {
        CompiledNetwork c =
                compile(
                        layer("hidden", LayerKind.DENSE_LIF, 12, 30, 1, 0.25f, 0.1f, 1f),
                        layer("readout", LayerKind.READOUT, 4, 12, 2, 0.5f, 0.05f, 1f));
        NirGraph g = written(c);
        CompiledLayer h = c.getLayers(0);
        Linear w = (Linear) g.nodes().get("hidden_syn");
        for (int i = 0; i < h.getWeightsCount(); i++)
            assertEquals(
                    h.getWeights(i) * Math.pow(2, h.getWeightExp()),
                    w.weight().get(i),
                    "weight " + i);
        CubaLIF n = (CubaLIF) g.nodes().get("hidden");
        double du = (h.getNeuron().getDu() + 1) / 4096.0, dv = h.getNeuron().getDv() / 4096.0;
        assertEquals(du, DT / n.tauSyn().get(0), 1e-15);
        assertEquals(dv, DT / n.tauMem().get(0), 1e-15);
        assertEquals(
                h.getNeuron().getVthMant() * du * dv,
                n.vThreshold().get(0),
                "v_threshold = vth_mant · s, s = du·dv (r = w_in = 1)");
        for (int k = 0; k < 12; k++) {
            assertEquals(
                    ((long) h.getBiasMant(k) << h.getBiasExp()) / 64.0 * du,
                    n.vLeak().get(k),
                    1e-12,
                    "the bias as v_leak, neuron " + k);
        }
        assertTrue(g.nodes().get("readout") instanceof CubaLI);
        CompiledNetwork.Builder b = c.toBuilder();
        b.getLayersBuilder(0).setNeuron(h.getNeuron().toBuilder().setRefractorySteps(2));
        NirFormatException e =
                assertThrows(NirFormatException.class, () -> CompiledAsFloat.of(b.build()));
        assertTrue(
                e.getMessage()
                        .contains(
                                "layer 0 'hidden' neuron.refractory_steps 2: NIR neurons have no"
                                        + " refractory period"),
                e.getMessage());
        // Sources that leave out the layer before are no chain with sums: refused by layer, field
        // and remedy.
        CompiledNetwork.Builder r = c.toBuilder();
        r.getLayersBuilder(1).setSource(-1).addSources(-1).addSources(-1);
        NirFormatException s =
                assertThrows(NirFormatException.class, () -> CompiledAsFloat.of(r.build()));
        assertTrue(
                s.getMessage().contains("layer 1 'readout' sources [-1, -1] leave out layer 0"),
                s.getMessage());
        assertTrue(s.getMessage().contains("reorder the layers"), s.getMessage());
        // Reset by subtraction (NIR 0.2.0's IF, as the paper's networks import) is refused with
        // what to export instead.
        CompiledNetwork.Builder sub = c.toBuilder();
        sub.getLayersBuilder(0)
                .setNeuron(h.getNeuron().toBuilder().setReset(ResetMode.RESET_BY_SUBTRACTION));
        NirFormatException e2 =
                assertThrows(NirFormatException.class, () -> CompiledAsFloat.of(sub.build()));
        assertTrue(
                e2.getMessage().contains("layer 0 'hidden' neuron.reset RESET_BY_SUBTRACTION")
                        && e2.getMessage().contains("export-nir MODEL.sft"),
                e2.getMessage());
    }

    /**
     * A compiled residual network (layer 2 adds layer 1's and layer 0's outputs before its weights,
     * as SEW-ResNet's ADD does) exports with one edge per source into its synapse and a one-step
     * Delay after every synapse, and imports back with the same layers, sources and weights (the
     * chip's integers times 2^weight_exp).
     */
    @Test
    void aCompiledResidualSumExportsOneEdgePerSourceAndImportsBack() throws Exception {
        TrainedLayer sum =
                layer("sum", LayerKind.DENSE_LIF, 12, 12, 13, 1f, 0.1f, 1f).toBuilder()
                        .addSources(1)
                        .addSources(0)
                        .build();
        CompiledNetwork c =
                compile(
                        layer("a", LayerKind.DENSE_LIF, 12, 30, 11, 1f, 0.1f, 1f),
                        layer("b", LayerKind.DENSE_LIF, 12, 12, 12, 0.5f, 0.1f, 1f),
                        sum,
                        layer("readout", LayerKind.READOUT, 4, 12, 14, 1f, 0.05f, 1f));
        assertEquals(
                List.of(1, 0),
                c.getLayers(2).getSourcesList(),
                "compiled: `source` first, then the others");
        CompiledAsFloat.Result f = CompiledAsFloat.of(c);
        assertEquals(List.of(1, 0), f.network().getLayers(2).getSourcesList());
        NirExporter.Result x = NirExporter.convert(f.network(), new NirExporter.Options(DT, false));
        assertTrue(
                x.notes().stream()
                        .anyMatch(
                                n ->
                                        n.startsWith(
                                                "residual sums: every layer gets a one-step Delay"
                                                        + " node")),
                x.notes().toString());
        Path file = dir.resolve("residual.nir");
        NirWriter.write(file, x.document());
        NirDocument back = NirReader.read(file);
        NirGraph g = back.graph();
        assertTrue(
                g.edges().contains(new Edge("b", "sum_syn"))
                        && g.edges().contains(new Edge("a", "sum_syn")),
                g.edges().toString());
        assertEquals(
                4,
                g.nodes().values().stream().filter(n -> n instanceof Delay).count(),
                "a Delay after every synapse");
        NirImporter.Result r = NirImporter.convert(back, new NirImporter.Options(DT, "chip", 40));
        assertEquals(0, r.shiftSteps(), "every layer timed exactly");
        TrainedNetwork in = r.network();
        assertEquals(4, in.getLayersCount());
        assertEquals(List.of(1, 0), in.getLayers(2).getSourcesList());
        for (int l = 0; l < 4; l++) {
            CompiledLayer cl = c.getLayers(l);
            TrainedLayer tl = in.getLayers(l);
            assertEquals(
                    List.of(cl.getSize(), cl.getFanIn()),
                    tl.getWeights().getShapeList(),
                    "layer " + l);
            for (int k = 0; k < cl.getWeightsCount(); k++) {
                assertEquals(
                        Math.scalb((float) cl.getWeights(k), cl.getWeightExp()),
                        tl.getWeights().getValues(k),
                        "layer " + l + " weight " + k);
            }
            assertEquals(f.network().getLayers(l).getNeuron(), tl.getNeuron(), "layer " + l);
        }
        assertNull(
                NirExporter.difference(f.network(), in),
                "the re-imported network is the compiled network's float form");
    }

    @Test
    void withoutLeaksTheEulerRunOfTheGraphSpikesExactlyLikeTheChip() throws Exception {
        // No biases: an IF layer's bias is on the Affine before the Delay node, so a NIR simulator
        // adds it from step 1,
        // the chip from step 0 (the float export's convention, docs/nir.md).
        CompiledNetwork c =
                compile(
                        layer("hidden", LayerKind.DENSE_LIF, 16, 30, 3, 1f, 0f, 1f, false),
                        layer("rec", LayerKind.RECURRENT_LIF, 10, 16, 4, 1f, 0f, 1f, false),
                        layer("readout", LayerKind.READOUT, 4, 10, 5, 1f, 0f, 1f, false));
        NirGraph g = written(c);
        assertTrue(g.nodes().get("hidden") instanceof IF && g.nodes().get("readout") instanceof I);
        int[][] input = spikes(30, 40, 0.3, 7);
        List<String> chip = new ArrayList<>(), nir = new ArrayList<>();
        double[] chipReadout;
        try (Simulator sim = new Simulator(c)) {
            for (int[] s : input) {
                sim.step(s, s.length);
                chip.add(
                        Arrays.toString(spiked(sim.spikes(0)))
                                + Arrays.toString(spiked(sim.spikes(1))));
            }
            chipReadout = Arrays.stream(sim.voltages(2)).asDoubleStream().toArray();
        }
        EulerRun run = new EulerRun(g);
        for (int[] s : input) {
            run.step(s);
            nir.add(
                    Arrays.toString(spiked(run.spikes("hidden")))
                            + Arrays.toString(spiked(run.spikes("rec"))));
        }
        assertEquals(chip, nir);
        assertTrue(chip.stream().anyMatch(s -> !s.equals("[][]")));
        // the I node's v is the chip's v / 64 times s = r·dt
        for (int k = 0; k < 4; k++)
            assertEquals(chipReadout[k] / 64 * DT, run.v("readout")[k], "readout " + k);
    }

    @Test
    void withLeaksTheEulerRunStaysWithinTheTruncationBound() throws Exception {
        // threshold high enough that nothing spikes: v is compared at every step
        CompiledNetwork c =
                compile(layer("hidden", LayerKind.DENSE_LIF, 8, 30, 6, 0.2f, 0.05f, 100f));
        CompiledLayer h = c.getLayers(0);
        double keepU = 1 - (h.getNeuron().getDu() + 1) / 4096.0,
                keepV = 1 - h.getNeuron().getDv() / 4096.0;
        double s = (1 - keepU) * (1 - keepV);
        NirGraph g = written(c);
        int[][] input = spikes(30, 60, 0.1, 8);
        EulerRun run = new EulerRun(g);
        double eu = 0, ev = 0, worst = 0;
        try (Simulator sim = new Simulator(c)) {
            for (int[] in : input) {
                sim.step(in, in.length);
                run.step(in);
                assertArrayEquals(new int[0], spiked(sim.spikes(0)));
                // one truncation per decay per step, each under one chip unit (1/64 of a weight)
                eu = keepU * eu + 1 / 64.0;
                ev = keepV * ev + eu + 1 / 64.0;
                for (int k = 0; k < 8; k++) {
                    double diff = Math.abs(run.v("hidden")[k] / s - sim.voltages(0)[k] / 64.0);
                    worst = Math.max(worst, diff);
                    assertTrue(
                            diff <= ev + 1e-9,
                            "neuron " + k + ": |v_nir/s - v_chip/64| = " + diff + " > bound " + ev);
                }
            }
        }
        assertTrue(worst > 0, "the chip's truncation shows");
    }

    static int[][] spikes(int inputs, int steps, double p, long seed) {
        Random r = new Random(seed);
        int[][] out = new int[steps][];
        for (int t = 0; t < steps; t++)
            out[t] =
                    java.util.stream.IntStream.range(0, inputs)
                            .filter(i -> r.nextDouble() < p)
                            .toArray();
        return out;
    }

    static int[] spiked(boolean[] s) {
        return java.util.stream.IntStream.range(0, s.length).filter(i -> s[i]).toArray();
    }

    /**
     * Forward Euler of the chain export-nir writes (Input → Linear|Affine → Delay → neuron [⇄
     * Linear loop] → … → Output), in float64, with NIR's equations: IF v += dt·r·x; LIF v +=
     * dt/τ·(v_leak − v + r·x); CubaLIF I += dt/τ_syn·(w_in·x − I), v += dt/τ_mem·(v_leak − v +
     * r·I); I, LI, CubaLI the same without spikes; spike when v > v_threshold, then v = v_reset. A
     * Delay of one step and a recurrent loop pass last step's values.
     */
    static final class EulerRun {
        final NirGraph g;
        final List<String> chain = new ArrayList<>();
        final Map<String, double[]> v = new HashMap<>(),
                cur = new HashMap<>(),
                delayed = new HashMap<>();
        final Map<String, boolean[]> spikes = new HashMap<>();

        EulerRun(NirGraph g) {
            this.g = g;
            String n = "input";
            while (!n.equals("output")) {
                String from = n;
                n =
                        g.edges().stream()
                                .filter(e -> e.source().equals(from) && !isLoop(e.target(), from))
                                .findFirst()
                                .orElseThrow()
                                .target();
                chain.add(n);
            }
        }

        private boolean isLoop(String target, String from) {
            return g.edges().stream()
                    .anyMatch(e -> e.source().equals(target) && e.target().equals(from));
        }

        double[] v(String name) {
            return v.get(name);
        }

        boolean[] spikes(String name) {
            return spikes.get(name);
        }

        void step(int[] in) {
            int size = (int) ((Input) g.nodes().get("input")).shape().get(0);
            double[] x = new double[size];
            for (int i : in) x[i] = 1;
            for (String name : chain) {
                NirNode node = g.nodes().get(name);
                if (node instanceof Linear l) x = matVec(l.weight(), x, null);
                else if (node instanceof Affine a) x = matVec(a.weight(), x, a.bias());
                else if (node instanceof Delay) {
                    double[] prev = delayed.getOrDefault(name, new double[x.length]);
                    delayed.put(name, x);
                    x = prev;
                } else if (node instanceof Output) {
                    return;
                } else {
                    x = neuron(name, node, withLoop(name, x));
                }
            }
        }

        private double[] withLoop(String name, double[] x) {
            for (var e : g.edges()) {
                if (e.target().equals(name)
                        && !chain.contains(e.source())
                        && g.nodes().get(e.source()) instanceof Linear rec) {
                    boolean[] s = spikes.getOrDefault(name, new boolean[x.length]);
                    double[] prev = new double[x.length];
                    for (int k = 0; k < x.length; k++) prev[k] = s[k] ? 1 : 0;
                    double[] r = matVec(rec.weight(), prev, null);
                    for (int k = 0; k < x.length; k++) x[k] += r[k];
                }
            }
            return x;
        }

        private double[] neuron(String name, NirNode node, double[] x) {
            int n = x.length;
            double[] vv = v.computeIfAbsent(name, k -> new double[n]),
                    ii = cur.computeIfAbsent(name, k -> new double[n]);
            boolean[] s = new boolean[n];
            for (int k = 0; k < n; k++) {
                double threshold = Double.POSITIVE_INFINITY, reset = 0;
                if (node instanceof IF f) {
                    vv[k] += DT * f.r().get(k) * x[k];
                    threshold = f.vThreshold().get(k);
                    reset = f.vReset().get(k);
                } else if (node instanceof I f) vv[k] += DT * f.r().get(k) * x[k];
                else if (node instanceof LIF f) {
                    vv[k] += DT / f.tau().get(k) * (f.vLeak().get(k) - vv[k] + f.r().get(k) * x[k]);
                    threshold = f.vThreshold().get(k);
                    reset = f.vReset().get(k);
                } else if (node instanceof LI f)
                    vv[k] += DT / f.tau().get(k) * (f.vLeak().get(k) - vv[k] + f.r().get(k) * x[k]);
                else if (node instanceof CubaLIF f) {
                    ii[k] += DT / f.tauSyn().get(k) * (f.wIn().get(k) * x[k] - ii[k]);
                    vv[k] +=
                            DT
                                    / f.tauMem().get(k)
                                    * (f.vLeak().get(k) - vv[k] + f.r().get(k) * ii[k]);
                    threshold = f.vThreshold().get(k);
                    reset = f.vReset().get(k);
                } else if (node instanceof CubaLI f) {
                    ii[k] += DT / f.tauSyn().get(k) * (f.wIn().get(k) * x[k] - ii[k]);
                    vv[k] +=
                            DT
                                    / f.tauMem().get(k)
                                    * (f.vLeak().get(k) - vv[k] + f.r().get(k) * ii[k]);
                } else throw new IllegalArgumentException(name + ": " + node.type());
                if (vv[k] > threshold) {
                    s[k] = true;
                    vv[k] = reset;
                }
            }
            spikes.put(name, s);
            double[] out = new double[n];
            for (int k = 0; k < n; k++) out[k] = s[k] ? 1 : 0;
            return out;
        }

        private static double[] matVec(NdArray w, double[] x, NdArray bias) {
            int rows = w.dim(0), cols = w.dim(1);
            double[] y = new double[rows];
            for (int r = 0; r < rows; r++) {
                double sum = bias == null ? 0 : bias.get(r);
                for (int c = 0; c < cols; c++) sum += w.get(r * cols + c) * x[c];
                y[r] = sum;
            }
            return y;
        }
    }
}
