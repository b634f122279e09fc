package dev.spikeforge.nir.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Node records infer their output shapes as NIR's type inference does (PyTorch's window formula,
 * Flatten's merge).
 */
class OutputShapeTest {
    static Conv2d conv(int out, int in, int k, long stride, Value padding) {
        return new Conv2d(
                new NdArray(DType.FLOAT32, new int[] {out, in, k, k}, new double[out * in * k * k]),
                NdArray.filled(DType.FLOAT32, out, 0),
                NdArray.ints(stride, stride),
                padding,
                NdArray.ints(1, 1),
                NdArray.scalar(DType.INT64, 1),
                null);
    }

    @Test
    void convAndPoolingFollowNirsWindowFormula() {
        // the NIR paper's CNN: 2 x 34 x 34 through a 5 x 5 kernel, stride 2, padding 1 -> 16 x 16 x
        // 16
        assertArrayEquals(
                new long[] {16, 16, 16},
                conv(16, 2, 5, 2, NdArray.ints(1, 1)).outputShape(new long[] {2, 34, 34}));
        assertArrayEquals(
                new long[] {8, 6, 6},
                conv(8, 1, 3, 1, new Text("valid")).outputShape(new long[] {1, 8, 8}));
        assertArrayEquals(
                new long[] {8, 8, 8},
                conv(8, 1, 3, 1, new Text("same")).outputShape(new long[] {1, 8, 8}));
        assertArrayEquals(
                new long[] {16, 8, 8},
                new SumPool2d(NdArray.ints(2, 2), NdArray.ints(2, 2), NdArray.ints(0, 0))
                        .outputShape(new long[] {16, 16, 16}));
        // PyTorch drops the remainder: 17 / 2 -> 8
        assertArrayEquals(
                new long[] {4, 8, 8},
                new AvgPool2d(NdArray.ints(2, 2), NdArray.ints(2, 2), NdArray.ints(0, 0))
                        .outputShape(new long[] {4, 17, 17}));
    }

    @Test
    void flattenMergesItsAxes() {
        Flatten all =
                new Flatten(NdArray.scalar(DType.INT64, 0), NdArray.scalar(DType.INT64, -1), null);
        assertArrayEquals(new long[] {128}, all.outputShape(new long[] {8, 4, 4}));
        Flatten spatial =
                new Flatten(NdArray.scalar(DType.INT64, 1), NdArray.scalar(DType.INT64, 2), null);
        assertArrayEquals(new long[] {8, 16}, spatial.outputShape(new long[] {8, 4, 4}));
    }
}
