package dev.spikeforge.netx.format;

import java.util.Arrays;

/**
 * An integer array with its shape, row-major: how every netx number reaches Lava, whose reader
 * turns weights, biases and delays into integers ({@code astype(int)}) before building its
 * processes.
 */
public record IntTensor(int[] shape, int[] values) {
    public IntTensor {
        long n = 1;
        for (int d : shape) {
            if (d < 0)
                throw new IllegalArgumentException(
                        "negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != values.length)
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " holds "
                            + n
                            + " values, got "
                            + values.length);
    }

    /** A [rows, cols] matrix. */
    public static IntTensor matrix(int rows, int cols, int[] values) {
        return new IntTensor(new int[] {rows, cols}, values);
    }

    public static IntTensor vector(int[] values) {
        return new IntTensor(new int[] {values.length}, values);
    }

    public int size() {
        return values.length;
    }

    public int get(int i) {
        return values[i];
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int d) {
        return shape[d];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntTensor t
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "IntTensor" + Arrays.toString(shape);
    }
}
