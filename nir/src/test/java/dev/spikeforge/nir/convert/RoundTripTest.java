package dev.spikeforge.nir.convert;

import static dev.spikeforge.nir.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.nir.graph.*;
import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.nir.hdf5.NirWriter;
import dev.spikeforge.proto.*;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
    static final double DT = 1e-4;

    @TempDir Path dir;

    /**
     * A graph as a Python exporter might write it: float64 time constants, metadata, a nested
     * recurrent layer, a Delay.
     */
    static NirGraph pythonStyle() {
        double[] w = new double[4 * 3];
        for (int i = 0; i < w.length; i++) w[i] = Math.sin(i + 1) * 0.7;
        double[] rec = new double[16];
        for (int i = 0; i < rec.length; i++) rec[i] = Math.cos(i) * 0.3;
        NirGraph rnn =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(4)))
                        .node(
                                "lif",
                                new LIF(
                                        f64(0.0033, 0.0033, 0.0033, 0.0033),
                                        f64(1.7, 1.7, 1.7, 1.7),
                                        f64(0.01, -0.02, 0, 0.3),
                                        f64(0.9, 0.9, 0.9, 0.9),
                                        f64(0, 0, 0, 0)))
                        .node("w_rec", new Linear(matrix(4, 4, rec)))
                        .node("output", new Output(NdArray.ints(4)))
                        .chain("input", "lif", "output")
                        .edge("lif", "w_rec")
                        .edge("w_rec", "lif")
                        .build();
        double[] w2 = {0.3, -0.6, 0.9, -1.2, 0.15, 0.45, -0.75, 1.05};
        return NirGraph.builder()
                .node("input", new Input(NdArray.ints(3)))
                .node("fc1", new Affine(matrix(4, 3, w), f32(0.1, 0.2, -0.3, 0.4)))
                .node("delay1", new Delay(f32(1e-4f, 1e-4f, 1e-4f, 1e-4f)))
                .node("rlif", rnn)
                .node("fc2", new Linear(matrix(2, 4, w2)))
                .node(
                        "cuba",
                        new CubaLI(
                                f64(0.0021, 0.0021),
                                f64(0.0047, 0.0047),
                                f64(1.3, 1.3),
                                f64(0, 0.05),
                                f64(0.8, 0.8),
                                Map.of("note", new Text("readout"))))
                .node("output", new Output(NdArray.ints(2)))
                .chain("input", "fc1", "delay1", "rlif", "fc2", "cuba", "output")
                .metadata("source", new Text("test"))
                .build();
    }

    @Test
    void nirToSpikeforgeToNirKeepsEveryParameter() throws Exception {
        NirDocument doc = new NirDocument("1.0.6", pythonStyle());
        Path in = dir.resolve("in.nir"), out = dir.resolve("out.nir");
        NirWriter.write(in, doc);
        NirImporter.Result imported =
                NirImporter.convert(NirReader.read(in), new NirImporter.Options(DT, "py", 20));
        NirExporter.Result exported =
                NirExporter.convert(imported.network(), new NirExporter.Options(null, false));
        assertTrue(exported.fromRecord(), exported.notes().toString());
        NirWriter.write(out, exported.document());
        assertEquals(NirReader.read(in), NirReader.read(out));
    }

    @Test
    void aChangedNetworkIsExportedFromItsParameters() throws Exception {
        NirImporter.Result imported =
                NirImporter.convert(
                        new NirDocument("1.0.6", pythonStyle()),
                        new NirImporter.Options(DT, "py", 20));
        TrainedNetwork net = imported.network();
        TrainedNetwork.Builder b = net.toBuilder();
        b.getLayersBuilder(0)
                .getNeuronBuilder()
                .setThreshold(net.getLayers(0).getNeuron().getThreshold() * 2);
        TrainedNetwork changed = b.build();
        NirExporter.Result r = NirExporter.convert(changed, new NirExporter.Options(null, false));
        assertFalse(r.fromRecord());
        assertTrue(
                r.notes().get(0).contains("changed since its import (layer 0 'rlif.lif' neuron"),
                r.notes().toString());
        TrainedNetwork back =
                NirImporter.convert(r.document(), new NirImporter.Options(DT, "py", 20)).network();
        assertNull(
                NirExporter.difference(changed, back),
                "the export maps back to the changed network");
        LIF lif = (LIF) r.document().graph().nodes().get("rlif_lif");
        // Spikeforge units: threshold θ, s = R·dv with R = 1: v_threshold = θ·dt/tau
        assertEquals(
                changed.getLayers(0).getNeuron().getThreshold()
                        * (double) changed.getLayers(0).getNeuron().getDv(),
                lif.vThreshold().get(0),
                0);
    }

    static TrainedNetwork spikeforgeNetwork(ResetMode reset) {
        Tensor.Builder w0 = Tensor.newBuilder().addShape(3).addShape(4);
        for (int i = 0; i < 12; i++) w0.addValues((float) Math.sin(i) * 0.4f);
        Tensor.Builder r1 =
                Tensor.newBuilder()
                        .addShape(2)
                        .addShape(2)
                        .addValues(0.1f)
                        .addValues(-0.2f)
                        .addValues(0.3f)
                        .addValues(0.05f);
        Tensor.Builder w1 = Tensor.newBuilder().addShape(2).addShape(3);
        for (int i = 0; i < 6; i++) w1.addValues(0.25f * (i - 2));
        Tensor.Builder w2 =
                Tensor.newBuilder()
                        .addShape(2)
                        .addShape(2)
                        .addValues(1f)
                        .addValues(-1f)
                        .addValues(0.5f)
                        .addValues(2f);
        return TrainedNetwork.newBuilder()
                .setName("sf")
                .setInput(
                        InputSpec.newBuilder()
                                .addShape(1)
                                .addShape(2)
                                .addShape(2)
                                .setEncoding(Encoding.RATE)
                                .setSteps(25))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("hidden0")
                                .setKind(LayerKind.DENSE_LIF)
                                .setSize(3)
                                .setWeights(w0)
                                .setBias(
                                        Tensor.newBuilder()
                                                .addShape(3)
                                                .addValues(0.01f)
                                                .addValues(0f)
                                                .addValues(-0.02f))
                                .setNeuron(
                                        FloatLifParams.newBuilder()
                                                .setDu(1f)
                                                .setDv(0.0625f)
                                                .setThreshold(1.25f)
                                                .setReset(reset)))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("hidden1")
                                .setKind(LayerKind.RECURRENT_LIF)
                                .setSize(2)
                                .setWeights(w1)
                                .setRecurrentWeights(r1)
                                .setBias(
                                        Tensor.newBuilder()
                                                .addShape(2)
                                                .addValues(0.03f)
                                                .addValues(0.07f))
                                .setNeuron(
                                        FloatLifParams.newBuilder()
                                                .setDu(0.2001953125f)
                                                .setDv(0.05004883f)
                                                .setThreshold(0.9f)))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("readout")
                                .setKind(LayerKind.READOUT)
                                .setSize(2)
                                .setWeights(w2)
                                .setNeuron(
                                        FloatLifParams.newBuilder()
                                                .setDu(1f)
                                                .setDv(0f)
                                                .setThreshold(1f)))
                .build();
    }

    @Test
    void spikeforgeToNirToSpikeforgeIsExact() throws Exception {
        TrainedNetwork net = spikeforgeNetwork(ResetMode.RESET_TO_ZERO);
        for (boolean delays : new boolean[] {false, true}) {
            NirExporter.Result r = NirExporter.convert(net, new NirExporter.Options(2e-3, delays));
            Path f = dir.resolve("sf" + delays + ".nir");
            NirWriter.write(f, r.document());
            NirImporter.Result back =
                    NirImporter.convert(NirReader.read(f), new NirImporter.Options(2e-3, "sf", 25));
            assertNull(NirExporter.difference(net, back.network()));
            assertEquals(
                    delays ? 0 : 3,
                    back.shiftSteps(),
                    "Delay nodes make the one-step delay explicit");
            NirGraph g = r.document().graph();
            assertInstanceOf(Flatten.class, g.nodes().get("flatten"));
            assertInstanceOf(LIF.class, g.nodes().get("hidden0"));
            assertInstanceOf(Affine.class, g.nodes().get("hidden0_syn"));
            assertInstanceOf(CubaLIF.class, g.nodes().get("hidden1"));
            assertInstanceOf(Linear.class, g.nodes().get("hidden1_rec"));
            assertInstanceOf(I.class, g.nodes().get("readout"));
            // tau = dt / dv; a Cuba layer's bias is its v_leak (bias·du with R = w_in = 1)
            assertEquals(2e-3 / 0.0625, ((LIF) g.nodes().get("hidden0")).tau().get(0), 0);
            assertEquals(
                    0.03f * (double) 0.2001953125f,
                    ((CubaLIF) g.nodes().get("hidden1")).vLeak().get(0),
                    0);
        }
        // and the re-imported network exports back to the same file contents
        NirDocument first =
                NirExporter.convert(net, new NirExporter.Options(2e-3, false)).document();
        TrainedNetwork again =
                NirImporter.convert(first, new NirImporter.Options(2e-3, "sf", 25)).network();
        assertEquals(
                first, NirExporter.convert(again, new NirExporter.Options(null, false)).document());
    }

    @Test
    void whatNirCannotSayIsANamedExportError() {
        NirFormatException e =
                assertThrows(
                        NirFormatException.class,
                        () ->
                                NirExporter.convert(
                                        spikeforgeNetwork(ResetMode.RESET_BY_SUBTRACTION),
                                        new NirExporter.Options(1e-3, false)));
        assertTrue(
                e.getMessage()
                        .contains("layer 'hidden0': reset by subtraction has no NIR equivalent"),
                e.getMessage());
        TrainedNetwork.Builder b = spikeforgeNetwork(ResetMode.RESET_TO_ZERO).toBuilder();
        b.getLayersBuilder(1).getNeuronBuilder().setDv(0f);
        e =
                assertThrows(
                        NirFormatException.class,
                        () -> NirExporter.convert(b.build(), new NirExporter.Options(1e-3, false)));
        assertTrue(e.getMessage().contains("layer 'hidden1': a synaptic current"), e.getMessage());
        TrainedNetwork.Builder c = spikeforgeNetwork(ResetMode.RESET_TO_ZERO).toBuilder();
        c.getLayersBuilder(0).setKind(LayerKind.CONV_LIF);
        e =
                assertThrows(
                        NirFormatException.class,
                        () -> NirExporter.convert(c.build(), new NirExporter.Options(1e-3, false)));
        assertTrue(
                e.getMessage()
                        .contains("layer 'hidden0': a CONV_LIF layer without its conv geometry"),
                e.getMessage());
    }
}
