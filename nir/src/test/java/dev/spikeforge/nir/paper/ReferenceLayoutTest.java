package dev.spikeforge.nir.paper;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.nir.convert.NirExporter;
import dev.spikeforge.nir.convert.NirImporter;
import dev.spikeforge.nir.graph.Linear;
import dev.spikeforge.nir.graph.NirDocument;
import dev.spikeforge.nir.graph.NirGraph;
import dev.spikeforge.nir.graph.Text;
import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.nir.hdf5.NirWriter;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.TrainedNetwork;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file laid out as NIR's own writer (1.0.7) lays it out — gzip-compressed arrays, variable-length
 * strings, a nested NIRGraph named whole by the outer edges — written by
 * bench/nir_reference_layout.py with h5py: read, imported (the subgraph's edges name its own nodes;
 * its layer is "lif1.lif"), and exported back to the same graph.
 */
class ReferenceLayoutTest {
    @TempDir Path dir;

    @Test
    void nestedGraphWithGzipDatasetsAndVariableLengthStringsImportsAndExportsBack()
            throws Exception {
        Path file = Path.of("..", "testdata", "nir", "reference-layout", "nested_rnn.nir");
        NirDocument doc = NirReader.read(file);
        assertEquals("1.0.7", doc.version());
        assertEquals(
                new Text("bench/nir_reference_layout.py"), doc.graph().metadata().get("source"));
        NirGraph rnn = (NirGraph) doc.graph().nodes().get("lif1");
        assertArrayEquals(
                new int[] {4, 4},
                ((Linear) rnn.nodes().get("w_rec")).weight().shape(),
                "the subgraph keeps its own nodes");

        NirImporter.Result r =
                NirImporter.convert(doc, new NirImporter.Options(1e-4, "nested", 50));
        TrainedNetwork net = r.network();
        assertEquals(
                List.of("lif1.lif", "li"),
                net.getLayersList().stream().map(l -> l.getName()).toList());
        assertEquals(LayerKind.RECURRENT_LIF, net.getLayers(0).getKind());
        assertEquals(
                ResetMode.RESET_TO_ZERO,
                net.getLayers(0).getNeuron().getReset(),
                "v_reset = 0 given");
        assertEquals(List.of("fc1", "lif1.lif", "lif1.w_rec"), r.layerNodes().get(0));
        assertEquals(LayerKind.READOUT, net.getLayers(1).getKind());
        assertNull(r.reset(), "every spiking neuron has its v_reset");

        NirExporter.Result x = NirExporter.convert(net, new NirExporter.Options(null, false));
        assertTrue(x.fromRecord());
        Path out = dir.resolve("back.nir");
        NirWriter.write(out, x.document());
        assertEquals(doc, NirReader.read(out));
        H5pyCheck.assertSameGraph(file, out);
    }
}
