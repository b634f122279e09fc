package dev.spikeforge.netx.hdf5;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.netx.NetxException;
import dev.spikeforge.netx.TestFiles;
import dev.spikeforge.netx.format.IntTensor;
import dev.spikeforge.netx.format.NetxLayer;
import dev.spikeforge.netx.format.NetxNetwork;
import dev.spikeforge.netx.format.NetxNeuron;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by NetxWriter, read back field by field (with jhdf directly and with NetxReader),
 * and lava-dl's own tiny.net.
 */
class NetxFileTest {
    @TempDir Path dir;

    private static NetxNetwork everyType() {
        NetxNeuron cuba = NetxNeuron.cuba(4096, 128, 300);
        return new NetxNetwork(
                List.of(
                        new NetxLayer.Input(new int[] {2, 3, 3}, null),
                        new NetxLayer.Conv(
                                new int[] {4, 2, 2},
                                cuba,
                                new IntTensor(new int[] {4, 2, 2, 2}, seq(32, -16)),
                                new int[] {1, 1},
                                new int[] {0, 0},
                                new int[] {1, 1},
                                1,
                                IntTensor.vector(new int[] {1, -2, 3, -4})),
                        new NetxLayer.Flatten(new int[] {16}),
                        new NetxLayer.Dense(
                                new int[] {5},
                                cuba,
                                IntTensor.matrix(5, 16, seq(80, -40)),
                                null,
                                IntTensor.vector(new int[] {0, 64, -64, 1, -1}),
                                IntTensor.vector(new int[] {3, 3, 3, 3, 3})),
                        new NetxLayer.Dense(
                                new int[] {3},
                                NetxNeuron.cuba(1, 4095, 1 << 17),
                                IntTensor.matrix(3, 5, seq(15, -7)),
                                IntTensor.matrix(3, 3, seq(9, -4)),
                                null,
                                null),
                        new NetxLayer.Other("pool", new int[] {3})),
                25,
                "{\"name\": \"x\"}");
    }

    private static int[] seq(int n, int from) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = from + i;
        return v;
    }

    @Test
    void everyFieldIsWrittenWithLavaDlsNamesAndDtypes() throws Exception {
        Path f = dir.resolve("all.net");
        NetxWriter.write(f, everyType());
        try (HdfFile h = new HdfFile(f)) {
            Group layers = (Group) h.getChild("layer");
            assertEquals(
                    List.of("0", "1", "2", "3", "4", "5"),
                    List.copyOf(layers.getChildren().keySet()));
            Group dense = (Group) layers.getChild("3");
            assertArrayEquals(
                    new String[] {"dense"},
                    (String[]) ((Dataset) dense.getChild("type")).getData(),
                    "type is a one-element string array, as lava-dl writes");
            assertArrayEquals(
                    new long[] {5}, (long[]) ((Dataset) dense.getChild("shape")).getData());
            assertEquals(16L, ((Dataset) dense.getChild("inFeatures")).getData());
            assertEquals(5L, ((Dataset) dense.getChild("outFeatures")).getData());
            Dataset w = (Dataset) dense.getChild("weight");
            assertEquals(float.class, w.getJavaType(), "weights are float32 like lava-dl's");
            assertArrayEquals(new int[] {5, 16}, w.getDimensions());
            assertEquals(-40f, ((float[][]) w.getData())[0][0]);
            assertEquals(39f, ((float[][]) w.getData())[4][15]);
            assertArrayEquals(
                    new float[] {0, 64, -64, 1, -1},
                    (float[]) ((Dataset) dense.getChild("bias")).getData());
            assertArrayEquals(
                    new float[] {3, 3, 3, 3, 3},
                    (float[]) ((Dataset) dense.getChild("delay")).getData());
            Group n = (Group) dense.getChild("neuron");
            assertEquals("CUBA", ((Dataset) n.getChild("type")).getData());
            assertEquals(4096L, ((Dataset) n.getChild("iDecay")).getData());
            assertEquals(128L, ((Dataset) n.getChild("vDecay")).getData());
            assertEquals(300L, ((Dataset) n.getChild("vThMant")).getData());
            assertEquals(1L, ((Dataset) n.getChild("refDelay")).getData());
            Group conv = (Group) layers.getChild("1");
            assertArrayEquals(
                    new long[] {2, 2}, (long[]) ((Dataset) conv.getChild("kernelSize")).getData());
            assertEquals(2L, ((Dataset) conv.getChild("inChannels")).getData());
            assertEquals(4L, ((Dataset) conv.getChild("outChannels")).getData());
            assertEquals(1L, ((Dataset) conv.getChild("groups")).getData());
            assertArrayEquals(
                    new int[] {4, 2, 2, 2}, ((Dataset) conv.getChild("weight")).getDimensions());
            assertEquals(
                    "dense_rec",
                    ((String[])
                                    ((Dataset) ((Group) layers.getChild("4")).getChild("type"))
                                            .getData())
                            [0]);
            assertArrayEquals(
                    new int[] {3, 3},
                    ((Dataset) ((Group) layers.getChild("4")).getChild("weight_rec"))
                            .getDimensions());
            Group sim = (Group) h.getChild("simulation");
            assertEquals(1L, ((Dataset) sim.getChild("Ts")).getData());
            assertEquals(25L, ((Dataset) sim.getChild("tSample")).getData());
            assertEquals(
                    "{\"name\": \"x\"}",
                    ((Dataset) ((Group) h.getChild("spikeforge")).getChild("compiled_network"))
                            .getData());
        }
    }

    @Test
    void whatIsWrittenReadsBackEqual() throws Exception {
        Path f = dir.resolve("all.net");
        NetxNetwork net = everyType();
        NetxWriter.write(f, net);
        NetxReader.Result r = NetxReader.read(f);
        assertEquals(List.of(), r.notes());
        NetxNetwork back = r.network();
        assertEquals(net.tSample(), back.tSample());
        assertEquals(net.spikeforgeRecord(), back.spikeforgeRecord());
        assertEquals(net.layers().size(), back.layers().size());
        for (int i = 0; i < net.layers().size(); i++) {
            NetxLayer a = net.layers().get(i), b = back.layers().get(i);
            assertEquals(a.type(), b.type(), "layer " + i);
            assertArrayEquals(a.shape(), b.shape(), "layer " + i);
            if (a instanceof NetxLayer.Dense d) {
                NetxLayer.Dense e = (NetxLayer.Dense) b;
                assertEquals(d.neuron(), e.neuron());
                assertEquals(d.weight(), e.weight());
                assertEquals(d.weightRec(), e.weightRec());
                assertEquals(d.bias(), e.bias());
                assertEquals(d.delay(), e.delay());
            } else if (a instanceof NetxLayer.Conv c) {
                NetxLayer.Conv e = (NetxLayer.Conv) b;
                assertEquals(c.neuron(), e.neuron());
                assertEquals(c.weight(), e.weight());
                assertArrayEquals(c.stride(), e.stride());
                assertArrayEquals(c.padding(), e.padding());
                assertArrayEquals(c.dilation(), e.dilation());
                assertEquals(c.groups(), e.groups());
                assertEquals(c.bias(), e.bias());
            }
        }
    }

    @Test
    void lavaDlsTinyNetReads() {
        NetxReader.Result r = NetxReader.read(TestFiles.lavaDl("tiny.net"));
        assertEquals(List.of(), r.notes());
        NetxNetwork n = r.network();
        assertEquals(64, n.tSample());
        assertNull(n.spikeforgeRecord());
        assertEquals(
                List.of("input", "conv", "conv"),
                n.layers().stream().map(NetxLayer::type).toList());
        NetxLayer.Input in = (NetxLayer.Input) n.layers().get(0);
        assertArrayEquals(new int[] {3, 16, 16}, in.shape());
        assertEquals(
                new NetxNeuron("LOIHI", 4096, 1024, 25, OptionalInt.of(1), OptionalInt.empty()),
                in.neuron());
        NetxLayer.Conv c = (NetxLayer.Conv) n.layers().get(1);
        assertArrayEquals(new int[] {24, 6, 6}, c.shape());
        assertArrayEquals(
                new int[] {24, 3, 5, 5},
                c.weight().shape(),
                "lava-dl's trailing time dimension of 1 is dropped, as Lava drops it");
        assertArrayEquals(
                new int[] {8, 0, -8, 6, -6, 6}, java.util.Arrays.copyOf(c.weight().values(), 6));
        assertEquals(-48, java.util.Arrays.stream(c.weight().values()).sum());
        assertArrayEquals(new int[] {2, 2}, c.stride());
        assertArrayEquals(new int[] {0, 0}, c.padding());
        assertArrayEquals(new int[] {1, 1}, c.dilation());
        assertEquals(1, c.groups());
        assertArrayEquals(
                new int[] {0, -42, 0, 6, 34}, java.util.Arrays.copyOf(c.bias().values(), 5));
        assertEquals(
                new NetxNeuron("LOIHI", 4096, 1024, 25, OptionalInt.of(1), OptionalInt.empty()),
                c.neuron());
    }

    @Test
    void fractionalWeightsAreTruncatedTowardZeroAsLavaDoesAndSaid() throws Exception {
        Path f = dir.resolve("frac.net");
        try (WritableHdfFile h = HdfFile.write(f)) {
            WritableGroup l = h.putGroup("layer").putGroup("0");
            l.putDataset("type", new String[] {"dense"});
            l.putDataset("shape", new long[] {2});
            l.putDataset("weight", new double[][] {{2.7, -2.7}, {1.0, -0.5}});
            WritableGroup n = l.putGroup("neuron");
            n.putDataset("type", "CUBA");
            n.putDataset("iDecay", 4096L);
            n.putDataset("vDecay", 0L);
            n.putDataset("vThMant", 10L);
        }
        NetxReader.Result r = NetxReader.read(f);
        assertArrayEquals(
                new int[] {2, -2, 1, 0},
                ((NetxLayer.Dense) r.network().layers().get(0)).weight().values());
        assertEquals(1, r.notes().size());
        assertTrue(
                r.notes().get(0).contains("layer 0 (dense) weight: 3 of 4 values are not integers"),
                r.notes().get(0));
    }

    @Test
    void aMissingFieldIsNamedWithFileLayerAndField() throws Exception {
        Path f = dir.resolve("bad.net");
        try (WritableHdfFile h = HdfFile.write(f)) {
            WritableGroup l = h.putGroup("layer").putGroup("0");
            l.putDataset("type", new String[] {"dense"});
            l.putDataset("shape", new long[] {2});
            l.putDataset("weight", new float[][] {{1, 2}, {3, 4}});
            l.putGroup("neuron").putDataset("type", "CUBA");
        }
        NetxException e = assertThrows(NetxException.class, () -> NetxReader.read(f));
        assertEquals(
                f + ": layer 0 (dense) neuron/iDecay is missing; Lava's LIF needs it",
                e.getMessage());
        Path g = dir.resolve("gap.net");
        try (WritableHdfFile h = HdfFile.write(g)) {
            WritableGroup layers = h.putGroup("layer");
            layers.putGroup("0").putDataset("type", new String[] {"input"});
            layers.putGroup("2").putDataset("type", new String[] {"input"});
        }
        e = assertThrows(NetxException.class, () -> NetxReader.read(g));
        assertTrue(e.getMessage().startsWith(g + ": layer/1 is missing"), e.getMessage());
        assertTrue(
                assertThrows(NetxException.class, () -> NetxReader.read(dir.resolve("none.net")))
                        .getMessage()
                        .endsWith("no such file"));
    }
}
