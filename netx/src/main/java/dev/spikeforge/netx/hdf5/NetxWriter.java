package dev.spikeforge.netx.hdf5;

import dev.spikeforge.netx.format.IntTensor;
import dev.spikeforge.netx.format.NetxLayer;
import dev.spikeforge.netx.format.NetxNetwork;
import dev.spikeforge.netx.format.NetxNeuron;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a netx file with the groups, names and dtypes lava-dl's exporter uses, so Lava's {@code
 * hdf5.Network} and any tool written against lava-dl's files read it: {@code layer/<i>} groups
 * numbered from 0, each with a {@code type} (a one-element string array), an int64 {@code shape}
 * and the type's fields; weights, biases and delays as float32 (lava-dl's dtype; Lava turns them
 * into integers, and every value here is one, exact in float32 below 2^24); neuron parameters and
 * sizes as int64 scalars; {@code simulation/Ts} and {@code simulation/tSample}; and Spikeforge's
 * record in {@code spikeforge/compiled_network}, which Lava does not read.
 *
 * <p>jhdf 0.9.4 writes strings as fixed-length, null-terminated UTF-8; h5py reads them as bytes,
 * which is what Lava's reader decodes. The file is written beside the target and renamed over it.
 */
public final class NetxWriter {
    static final String RECORD_GROUP = "spikeforge";
    static final String RECORD_DATASET = "compiled_network";

    private NetxWriter() {}

    public static void write(Path file, NetxNetwork net) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = ArtifactFiles.newTempSibling(abs);
        try {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                WritableGroup layers = h.putGroup("layer");
                List<NetxLayer> list = net.layers();
                for (int i = 0; i < list.size(); i++)
                    writeLayer(layers.putGroup(Integer.toString(i)), list.get(i));
                WritableGroup sim = h.putGroup("simulation");
                sim.putDataset("Ts", 1L);
                if (net.tSample() > 0) sim.putDataset("tSample", (long) net.tSample());
                if (net.spikeforgeRecord() != null)
                    h.putGroup(RECORD_GROUP).putDataset(RECORD_DATASET, net.spikeforgeRecord());
            }
            ArtifactFiles.moveIntoPlace(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeLayer(WritableGroup g, NetxLayer layer) {
        g.putDataset("type", new String[] {layer.type()});
        g.putDataset("shape", longs(layer.shape()));
        if (layer instanceof NetxLayer.Input in) {
            if (in.neuron() != null) writeNeuron(g.putGroup("neuron"), in.neuron());
        } else if (layer instanceof NetxLayer.Dense d) {
            g.putDataset("inFeatures", (long) d.inFeatures());
            g.putDataset("outFeatures", (long) d.outFeatures());
            if (d.neuron() != null) writeNeuron(g.putGroup("neuron"), d.neuron());
            g.putDataset("weight", floats(d.weight()));
            if (d.weightRec() != null) g.putDataset("weight_rec", floats(d.weightRec()));
            if (d.bias() != null) g.putDataset("bias", floats(d.bias()));
            if (d.delay() != null) g.putDataset("delay", floats(d.delay()));
        } else if (layer instanceof NetxLayer.Conv c) {
            g.putDataset("inChannels", (long) c.weight().dim(1) * c.groups());
            g.putDataset("outChannels", (long) c.weight().dim(0));
            g.putDataset("kernelSize", new long[] {c.weight().dim(2), c.weight().dim(3)});
            g.putDataset("stride", longs(c.stride()));
            g.putDataset("padding", longs(c.padding()));
            g.putDataset("dilation", longs(c.dilation()));
            g.putDataset("groups", (long) c.groups());
            if (c.neuron() != null) writeNeuron(g.putGroup("neuron"), c.neuron());
            g.putDataset("weight", floats(c.weight()));
            if (c.bias() != null) g.putDataset("bias", floats(c.bias()));
        }
        // flatten and the other types carry only type and shape
    }

    private static void writeNeuron(WritableGroup g, NetxNeuron n) {
        g.putDataset("type", n.type());
        g.putDataset("iDecay", (long) n.iDecay());
        g.putDataset("vDecay", (long) n.vDecay());
        g.putDataset("vThMant", (long) n.vThMant());
        n.refDelay().ifPresent(r -> g.putDataset("refDelay", (long) r));
        n.messageBits().ifPresent(b -> g.putDataset("messageBits", (long) b));
    }

    private static long[] longs(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    /**
     * A float32 array of the tensor's shape (jhdf takes nested Java arrays; ranks 1, 2 and 4 occur
     * in netx).
     */
    static Object floats(IntTensor t) {
        int[] v = t.values();
        switch (t.rank()) {
            case 1 -> {
                float[] out = new float[v.length];
                for (int i = 0; i < v.length; i++) out[i] = v[i];
                return out;
            }
            case 2 -> {
                int rows = t.dim(0), cols = t.dim(1);
                float[][] out = new float[rows][cols];
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < cols; c++) out[r][c] = v[r * cols + c];
                return out;
            }
            case 4 -> {
                int a = t.dim(0), b = t.dim(1), c = t.dim(2), d = t.dim(3);
                float[][][][] out = new float[a][b][c][d];
                int k = 0;
                for (int i = 0; i < a; i++)
                    for (int j = 0; j < b; j++)
                        for (int x = 0; x < c; x++)
                            for (int y = 0; y < d; y++) out[i][j][x][y] = v[k++];
                return out;
            }
            default ->
                    throw new IllegalArgumentException(
                            "netx tensors of rank " + t.rank() + " are not written");
        }
    }
}
