package dev.spikeforge.nir.hdf5;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.nir.Fixtures;
import dev.spikeforge.nir.graph.*;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NirFileTest {
    @TempDir Path dir;

    @Test
    void everyNodeTypeAndNestedGraphReadsBackEqual() throws Exception {
        NirDocument doc = new NirDocument("1.0.6", Fixtures.everyNodeType());
        Path f = dir.resolve("all.nir");
        NirWriter.write(f, doc);
        NirDocument back = NirReader.read(f);
        assertEquals(doc, back);
        java.util.Set<String> types = new java.util.TreeSet<>();
        collectTypes(back.graph(), types);
        java.util.Set<String> all = new java.util.TreeSet<>(NodeFactory.TYPES);
        all.add("NIRGraph");
        assertEquals(all, types, "every NIR node type is in the file");
        assertInstanceOf(NirGraph.class, back.graph().nodes().get("rnn"));
        assertEquals(new Text("same"), ((Conv1d) back.graph().nodes().get("conv1")).padding());
        assertEquals(
                new Text("fixture"), back.graph().nodes().get("input").metadata().get("source"));
        assertFalse(
                Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                "temporary file renamed away");
        // Readable like any new file (the umask's mode), not the 0600 of a Files.createTempFile.
        var expected = Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
        assertEquals(expected, Files.getPosixFilePermissions(f));
    }

    private static void collectTypes(NirNode n, java.util.Set<String> out) {
        out.add(n.type());
        if (n instanceof NirGraph g) g.nodes().values().forEach(c -> collectTypes(c, out));
    }

    @Test
    void layoutIsNirs() throws Exception {
        Path f = dir.resolve("layout.nir");
        NirWriter.write(f, new NirDocument("1.0.6", Fixtures.everyNodeType()));
        try (HdfFile h = new HdfFile(f)) {
            assertEquals("1.0.6", h.getDatasetByPath("version").getData());
            assertEquals("NIRGraph", h.getDatasetByPath("node/type").getData());
            assertEquals("CubaLIF", h.getDatasetByPath("node/nodes/cubalif/type").getData());
            Dataset tau = h.getDatasetByPath("node/nodes/cubalif/tau_syn");
            assertEquals(float.class, tau.getJavaType(), "float32 stays float32");
            assertArrayEquals(new int[] {3}, tau.getDimensions());
            assertEquals(
                    double.class,
                    h.getDatasetByPath("node/nodes/li/tau").getJavaType(),
                    "float64 stays float64");
            assertArrayEquals(
                    new int[] {2, 1, 3, 3},
                    h.getDatasetByPath("node/nodes/conv2/weight").getDimensions());
            assertEquals(1L, h.getDatasetByPath("node/nodes/conv2/groups").getData(), "int scalar");
            Dataset edges = h.getDatasetByPath("node/edges");
            assertArrayEquals(new int[] {16, 2}, edges.getDimensions());
            assertArrayEquals(new String[] {"input", "conv2"}, ((String[][]) edges.getData())[0]);
            assertEquals("NIRGraph", h.getDatasetByPath("node/nodes/rnn/type").getData());
            assertArrayEquals(
                    new String[] {"lif", "w_rec"},
                    ((String[][]) h.getDatasetByPath("node/nodes/rnn/edges").getData())[2]);
            assertEquals(
                    "spikeforge-test", h.getDatasetByPath("node/metadata/framework").getData());
        }
    }

    /**
     * A file as an older NIR writer leaves it: no v_reset, no w_in. The reader fills w_in's default
     * and keeps v_reset absent, since what its absence means depends on the version (the importer's
     * ResetRule).
     */
    @Test
    void optionalParametersTakeNirDefaults() throws Exception {
        Path f = dir.resolve("old.nir");
        try (WritableHdfFile h = HdfFile.write(f)) {
            h.putDataset("version", "0.2.0");
            WritableGroup g = h.putGroup("node");
            g.putDataset("type", "NIRGraph");
            WritableGroup lif = g.putGroup("nodes").putGroup("lif");
            lif.putDataset("type", "CubaLIF");
            for (String p : new String[] {"tau_syn", "tau_mem", "r", "v_leak", "v_threshold"})
                lif.putDataset(p, new float[] {0.5f, 0.5f});
            WritableGroup types = lif.putGroup("input_type");
            types.putDataset("input", new long[] {2});
            g.putDataset("edges", new String[][] {{"lif", "lif"}});
        }
        CubaLIF n = (CubaLIF) NirReader.read(f).graph().nodes().get("lif");
        assertNull(n.vReset());
        assertFalse(n.params().containsKey("v_reset"), "written back without v_reset, as read");
        assertEquals(Fixtures.f32(1, 1), n.wIn());
    }

    @Test
    void malformedFilesNameTheNodeAndWhatIsWrong() throws Exception {
        assertError(
                g -> {
                    WritableGroup n = g.putGroup("nodes").putGroup("fc");
                    n.putDataset("type", "Affine");
                    n.putDataset("weight", new float[][] {{1f}});
                },
                "node 'fc' (Affine): missing parameter 'bias'");
        assertError(
                g -> {
                    WritableGroup n = g.putGroup("nodes").putGroup("lif");
                    n.putDataset("type", "LI");
                    for (String p : new String[] {"tau", "r", "v_leak", "v_threshold"})
                        n.putDataset(p, new float[] {1f});
                },
                "node 'lif' (LI): unknown parameter 'v_threshold'");
        assertError(
                g -> {
                    WritableGroup n = g.putGroup("nodes").putGroup("x");
                    n.putDataset("type", "Izhikevich");
                },
                "node 'x' (Izhikevich): unknown node type");
        assertError(
                g -> {
                    WritableGroup n = g.putGroup("nodes").putGroup("fc");
                    n.putDataset("type", "Linear");
                    n.putDataset("weight", "heavy");
                },
                "node 'fc' (Linear): parameter 'weight' must be numeric");
        Path notNir = dir.resolve("plain.h5");
        try (WritableHdfFile h = HdfFile.write(notNir)) {
            h.putDataset("data", new double[] {1});
        }
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirReader.read(notNir));
        assertTrue(e.getMessage().contains("no 'version' string dataset"), e.getMessage());
        Path text = dir.resolve("text.nir");
        Files.writeString(text, "not hdf5");
        e = assertThrows(NirFormatException.class, () -> NirReader.read(text));
        assertTrue(e.getMessage().contains("text.nir"), e.getMessage());
    }

    private void assertError(java.util.function.Consumer<WritableGroup> body, String expected)
            throws Exception {
        Path f = Files.createTempFile(dir, "bad", ".nir");
        try (WritableHdfFile h = HdfFile.write(f)) {
            h.putDataset("version", "1.0.6");
            WritableGroup g = h.putGroup("node");
            g.putDataset("type", "NIRGraph");
            body.accept(g);
        }
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirReader.read(f));
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    }
}
