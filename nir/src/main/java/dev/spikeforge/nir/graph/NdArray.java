package dev.spikeforge.nir.graph;

import java.util.Arrays;

/**
 * A dense row-major numeric array with its element type; shape [] is a scalar. Values are held as
 * doubles, which hold every float32, float64 and (up to 2^53) integer value exactly, so reading and
 * writing back is lossless.
 */
public final class NdArray implements Value {
    private final DType dtype;
    private final int[] shape;
    private final double[] data;

    public NdArray(DType dtype, int[] shape, double[] data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0)
                throw new IllegalArgumentException(
                        "negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length)
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + n
                            + " values, got "
                            + data.length);
        this.data = data.clone();
        for (int i = 0; i < this.data.length; i++) this.data[i] = dtype.round(this.data[i]);
    }

    public static NdArray scalar(DType dtype, double v) {
        return new NdArray(dtype, new int[0], new double[] {v});
    }

    public static NdArray vector(DType dtype, double... v) {
        return new NdArray(dtype, new int[] {v.length}, v);
    }

    public static NdArray filled(DType dtype, int n, double v) {
        double[] d = new double[n];
        Arrays.fill(d, v);
        return vector(dtype, d);
    }

    public static NdArray ints(long... v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return vector(DType.INT64, d);
    }

    public static NdArray matrix(DType dtype, int rows, int cols, double[] rowMajor) {
        return new NdArray(dtype, new int[] {rows, cols}, rowMajor);
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i];
    }

    public int size() {
        return data.length;
    }

    public double get(int i) {
        return data[i];
    }

    public double[] data() {
        return data.clone();
    }

    public boolean isScalar() {
        return shape.length == 0;
    }

    /** The elements as longs; for shapes, strides and other integer parameters. */
    public long[] longs() {
        long[] l = new long[data.length];
        for (int i = 0; i < l.length; i++) l[i] = (long) data[i];
        return l;
    }

    /** True when every element equals the first (NaN never does). */
    public boolean isUniform() {
        for (double d : data) if (!(d == data[0])) return false;
        return data.length > 0;
    }

    public double min() {
        return Arrays.stream(data).min().orElse(Double.NaN);
    }

    public double max() {
        return Arrays.stream(data).max().orElse(Double.NaN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a
                && a.dtype == dtype
                && Arrays.equals(a.shape, shape)
                && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String values =
                data.length <= 6
                        ? Arrays.toString(data)
                        : "[" + data[0] + ", " + data[1] + ", ... " + data[data.length - 1] + "]";
        return dtype.name().toLowerCase() + Arrays.toString(shape) + " " + values;
    }
}
