package dev.spikeforge.netx.hdf5;

import dev.spikeforge.netx.NetxException;
import dev.spikeforge.netx.format.IntTensor;
import dev.spikeforge.netx.format.NetxLayer;
import dev.spikeforge.netx.format.NetxNetwork;
import dev.spikeforge.netx.format.NetxNeuron;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads a netx file the way Lava's {@code hdf5.Network} reads it (lava-dl {@code netx/utils.py},
 * {@code NetDict}): layers {@code layer/0} … {@code layer/<n−1>} in order; {@code type} a string or
 * a one-element string array; {@code weight}, {@code weight_rec} and {@code bias} of any numeric
 * dtype turned into integers toward zero (numpy's {@code astype(int)}; each value that was not
 * already an integer is reported in a note); a one-dimensional dense weight reshaped to [outputs,
 * −1]; a conv weight's trailing dimensions beyond four dropped; stride, padding and dilation given
 * as one value or [H, W]. Datasets Lava does not read are not read.
 */
public final class NetxReader {
    private NetxReader() {}

    /** The network and what reading it changed (values truncated as Lava truncates them). */
    public record Result(NetxNetwork network, List<String> notes) {}

    public static Result read(Path file) {
        if (!Files.isRegularFile(file)) throw new NetxException(file + ": no such file");
        List<String> notes = new ArrayList<>();
        try (HdfFile h = new HdfFile(file)) {
            if (!(h.getChildren().get("layer") instanceof Group layers)) {
                throw new NetxException(
                        file
                                + ": no 'layer' group at the root; is this a netx file (lava-dl's"
                                + " hdf5 network description)?");
            }
            int count = layers.getChildren().size();
            for (int i = 0; i < count; i++) {
                if (!(layers.getChildren().get(Integer.toString(i)) instanceof Group)) {
                    throw new NetxException(
                            file
                                    + ": layer/"
                                    + i
                                    + " is missing; netx numbers its "
                                    + count
                                    + " layers 0.."
                                    + (count - 1)
                                    + " and Lava reads them in that order");
                }
            }
            List<NetxLayer> out = new ArrayList<>();
            for (int i = 0; i < count; i++)
                out.add(
                        new LayerReader(
                                        file,
                                        i,
                                        (Group) layers.getChild(Integer.toString(i)),
                                        notes)
                                .read());
            int tSample = 0;
            if (h.getChildren().get("simulation") instanceof Group sim
                    && sim.getChildren().get("tSample") instanceof Dataset ts) {
                tSample = (int) scalar(ts, file + ": simulation/tSample");
            }
            String record = null;
            if (h.getChildren().get(NetxWriter.RECORD_GROUP) instanceof Group g
                    && g.getChildren().get(NetxWriter.RECORD_DATASET) instanceof Dataset d
                    && d.getData() instanceof String s) {
                record = s;
            }
            return new Result(new NetxNetwork(out, tSample, record), notes);
        } catch (NetxException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NetxException(file + ": not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    /** Reads one layer group; errors name the file, the layer and the field. */
    private static final class LayerReader {
        private final Path file;
        private final int index;
        private final Group g;
        private final List<String> notes;
        private String type = "?";

        LayerReader(Path file, int index, Group g, List<String> notes) {
            this.file = file;
            this.index = index;
            this.g = g;
            this.notes = notes;
        }

        NetxLayer read() {
            type = string(g, "type");
            // Lava reads the shape of dense and conv layers, and of an input layer when it is there
            boolean needsShape = type.startsWith("dense") || type.equals("conv");
            int[] shape =
                    needsShape || g.getChildren().containsKey("shape")
                            ? ints(dataset(g, "shape"), "shape").values()
                            : new int[0];
            return switch (type) {
                case "input" ->
                        new NetxLayer.Input(
                                shape, g.getChildren().containsKey("neuron") ? neuron() : null);
                case "flatten" -> new NetxLayer.Flatten(shape);
                case "dense", "dense_rec" -> dense(shape);
                case "conv" -> conv(shape);
                default -> new NetxLayer.Other(type, shape);
            };
        }

        private NetxLayer.Dense dense(int[] shape) {
            int outputs = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            IntTensor weight = denseMatrix("weight", outputs);
            IntTensor rec = type.equals("dense_rec") ? denseMatrix("weight_rec", outputs) : null;
            IntTensor bias = g.getChildren().containsKey("bias") ? truncated("bias") : null;
            IntTensor delay = g.getChildren().containsKey("delay") ? truncated("delay") : null;
            NetxNeuron neuron = g.getChildren().containsKey("neuron") ? neuron() : null;
            return new NetxLayer.Dense(shape, neuron, weight, rec, bias, delay);
        }

        /** Lava reshapes a one-dimensional dense weight to [outputs, −1]. */
        private IntTensor denseMatrix(String name, int outputs) {
            IntTensor w = truncated(name);
            if (w.rank() == 2) return w;
            if (w.rank() == 1 && outputs > 0 && w.size() % outputs == 0)
                return IntTensor.matrix(outputs, w.size() / outputs, w.values());
            throw problem(
                    name,
                    "has shape "
                            + Arrays.toString(w.shape())
                            + "; Lava needs [outputs, inputs] (or a vector it reshapes to "
                            + outputs
                            + " rows)");
        }

        private NetxLayer.Conv conv(int[] shape) {
            IntTensor w = truncated("weight");
            if (w.rank() < 4)
                throw problem(
                        "weight",
                        "has shape "
                                + Arrays.toString(w.shape())
                                + "; a conv kernel is [out, in/groups, kH, kW]");
            for (int d = 4; d < w.rank(); d++) {
                if (w.dim(d) != 1)
                    throw problem(
                            "weight",
                            "has shape "
                                    + Arrays.toString(w.shape())
                                    + "; Lava keeps the first four dimensions, so the rest must be"
                                    + " 1");
            }
            IntTensor kernel = new IntTensor(Arrays.copyOf(w.shape(), 4), w.values());
            IntTensor bias = g.getChildren().containsKey("bias") ? truncated("bias") : null;
            int groups = (int) scalar(dataset(g, "groups"), where("groups"));
            return new NetxLayer.Conv(
                    shape,
                    neuron(),
                    kernel,
                    pair("stride"),
                    pair("padding"),
                    pair("dilation"),
                    groups,
                    bias);
        }

        /** One value for both axes, or [H, W] (Lava reverses the pair into its x, y order). */
        private int[] pair(String name) {
            IntTensor t = ints(dataset(g, name), name);
            if (t.size() == 1) return new int[] {t.get(0), t.get(0)};
            if (t.size() == 2) return t.values();
            throw problem(name, "has " + t.size() + " values; Lava takes one or two");
        }

        private NetxNeuron neuron() {
            if (!(g.getChildren().get("neuron") instanceof Group n))
                throw problem("neuron", "is not a group");
            String t = string(n, "type");
            if (!t.equals("CUBA") && !t.equals("LOIHI")) {
                // Other compartments (SDNN, RF, ...) have other fields; the importer refuses them
                // by their type.
                return new NetxNeuron(t, 0, 0, 0, OptionalInt.empty(), OptionalInt.empty());
            }
            return new NetxNeuron(
                    t,
                    neuronInt(n, "iDecay"),
                    neuronInt(n, "vDecay"),
                    neuronInt(n, "vThMant"),
                    optionalInt(n, "refDelay"),
                    optionalInt(n, "messageBits"));
        }

        private int neuronInt(Group n, String name) {
            if (!(n.getChildren().get(name) instanceof Dataset d))
                throw problem("neuron/" + name, "is missing; Lava's LIF needs it");
            return (int) scalar(d, where("neuron/" + name));
        }

        private OptionalInt optionalInt(Group n, String name) {
            return n.getChildren().get(name) instanceof Dataset d
                    ? OptionalInt.of((int) scalar(d, where("neuron/" + name)))
                    : OptionalInt.empty();
        }

        private IntTensor truncated(String name) {
            Dataset d = dataset(g, name);
            double[] v = doubles(d, where(name));
            int[] out = new int[v.length];
            int fractional = 0;
            for (int i = 0; i < v.length; i++) {
                double t = v[i] < 0 ? Math.ceil(v[i]) : Math.floor(v[i]);
                if (t != v[i]) fractional++;
                if (!(Math.abs(t) <= Integer.MAX_VALUE))
                    throw problem(name, "value " + v[i] + " at " + i + " is not a 32-bit integer");
                out[i] = (int) t;
            }
            if (fractional > 0) {
                notes.add(
                        where(name)
                                + ": "
                                + fractional
                                + " of "
                                + v.length
                                + " values are not integers; Lava truncates them toward zero "
                                + "(astype(int)) and so does this reader");
            }
            return new IntTensor(shapeOf(d), out);
        }

        private IntTensor ints(Dataset d, String name) {
            double[] v = doubles(d, where(name));
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > Integer.MAX_VALUE)
                    throw problem(name, "value " + v[i] + " is not an integer");
                out[i] = (int) v[i];
            }
            return new IntTensor(shapeOf(d), out);
        }

        private Dataset dataset(Group parent, String name) {
            if (!(parent.getChildren().get(name) instanceof Dataset d))
                throw problem(name, "is missing; Lava needs it in a '" + type + "' layer");
            return d;
        }

        private String string(Group parent, String name) {
            Node n = parent.getChildren().get(name);
            if (n instanceof Dataset d) {
                Object v = d.getData();
                if (v instanceof String s) return s;
                if (v instanceof String[] a && a.length > 0) return a[0];
            }
            throw problem(
                    parent == g ? name : "neuron/" + name,
                    "must be a string (or a one-element string array)");
        }

        private String where(String field) {
            return file + ": layer " + index + " (" + type + ") " + field;
        }

        private NetxException problem(String field, String constraint) {
            return new NetxException(where(field) + " " + constraint);
        }
    }

    private static int[] shapeOf(Dataset d) {
        return d.isScalar() ? new int[0] : d.getDimensions();
    }

    static double scalar(Dataset d, String where) {
        double[] v = doubles(d, where);
        if (v.length != 1) throw new NetxException(where + " must be one number, got " + v.length);
        if (v[0] != Math.rint(v[0]))
            throw new NetxException(where + " must be an integer, got " + v[0]);
        return v[0];
    }

    /**
     * Every value of a numeric dataset as a double (exact for the integers netx holds: all below
     * 2^53).
     */
    static double[] doubles(Dataset d, String where) {
        Class<?> t = d.getJavaType();
        boolean numeric =
                t == double.class
                        || t == float.class
                        || t == long.class
                        || t == int.class
                        || t == short.class
                        || t == byte.class
                        || Number.class.isAssignableFrom(t);
        if (!numeric) throw new NetxException(where + " must be numeric, got " + t.getSimpleName());
        if (d.isScalar()) return new double[] {((Number) d.getData()).doubleValue()};
        if (d.isEmpty()) return new double[0];
        Object flat = d.getDataFlat();
        int n = Array.getLength(flat);
        double[] out = new double[n];
        // the common dtypes without boxing: weights of a large layer are tens of millions of values
        if (flat instanceof float[] f) for (int i = 0; i < n; i++) out[i] = f[i];
        else if (flat instanceof double[] f) System.arraycopy(f, 0, out, 0, n);
        else if (flat instanceof long[] f) for (int i = 0; i < n; i++) out[i] = f[i];
        else if (flat instanceof int[] f) for (int i = 0; i < n; i++) out[i] = f[i];
        else for (int i = 0; i < n; i++) out[i] = ((Number) Array.get(flat, i)).doubleValue();
        return out;
    }
}
