package dev.spikeforge.nir;

import dev.spikeforge.nir.graph.*;
import java.util.Map;

/**
 * NIR graphs built in code, one of every node type; tests write them through jhdf and read them
 * back.
 */
public final class Fixtures {
    private Fixtures() {}

    public static NdArray f32(double... v) {
        return NdArray.vector(DType.FLOAT32, v);
    }

    public static NdArray f64(double... v) {
        return NdArray.vector(DType.FLOAT64, v);
    }

    public static NdArray matrix(int rows, int cols, double... v) {
        return NdArray.matrix(DType.FLOAT32, rows, cols, v);
    }

    /** Every node type NIR defines, not meant to be run: a graph for the file format alone. */
    public static NirGraph everyNodeType() {
        NdArray conv2 =
                new NdArray(
                        DType.FLOAT32,
                        new int[] {2, 1, 3, 3},
                        new double[] {
                            1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -2, -3, -4, -5, -6, -7, -8, -9
                        });
        NdArray conv1 =
                new NdArray(
                        DType.FLOAT64,
                        new int[] {2, 1, 3},
                        new double[] {0.5, 0.25, 0.125, -1, -2, -3});
        NirGraph inner =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(3)))
                        .node(
                                "lif",
                                new LIF(
                                        f32(0.01, 0.01, 0.01),
                                        f32(1, 1, 1),
                                        f32(0, 0, 0),
                                        f32(1, 1, 1),
                                        f32(0, 0, 0)))
                        .node("w_rec", new Linear(matrix(3, 3, 0, 1, 0, 0, 0, 1, 1, 0, 0)))
                        .node("output", new Output(NdArray.ints(3)))
                        .chain("input", "lif", "output")
                        .edge("lif", "w_rec")
                        .edge("w_rec", "lif")
                        .build();
        return NirGraph.builder()
                .node(
                        "input",
                        new Input(NdArray.ints(1, 5, 5), Map.of("source", new Text("fixture"))))
                .node(
                        "conv2",
                        new Conv2d(
                                conv2,
                                f32(0.5, -0.5),
                                NdArray.ints(1, 1),
                                NdArray.ints(1, 1),
                                NdArray.ints(1, 1),
                                NdArray.scalar(DType.INT64, 1),
                                NdArray.ints(5, 5)))
                .node(
                        "conv1",
                        new Conv1d(
                                conv1,
                                f64(0, 1),
                                NdArray.scalar(DType.INT64, 1),
                                new Text("same"),
                                NdArray.scalar(DType.INT64, 1),
                                NdArray.scalar(DType.INT64, 1),
                                null))
                .node(
                        "sum",
                        new SumPool2d(NdArray.ints(2, 2), NdArray.ints(2, 2), NdArray.ints(0, 0)))
                .node(
                        "avg",
                        new AvgPool2d(NdArray.ints(2, 2), NdArray.ints(2, 2), NdArray.ints(1, 1)))
                .node(
                        "flat",
                        new Flatten(
                                NdArray.scalar(DType.INT64, 0),
                                NdArray.scalar(DType.INT64, -1),
                                NdArray.ints(2, 2, 2)))
                .node("aff", new Affine(matrix(3, 8, new double[24]), f32(0.1, 0.2, 0.3)))
                .node("scale", new Scale(f64(2, 3, 4)))
                .node("delay", new Delay(f32(1e-4f, 1e-4f, 1e-4f)))
                .node("thr", new Threshold(f32(0.5, 0.5, 0.5)))
                .node("i", new I(f64(1, 1, 1)))
                .node("if", new IF(f64(2, 2, 2), f64(1, 1, 1), f64(0, 0, 0)))
                .node("li", new LI(f64(0.02, 0.02, 0.02), f64(1, 1, 1), f64(-0.1, 0, 0.1)))
                .node(
                        "cubali",
                        new CubaLI(
                                f32(0.002, 0.002, 0.002),
                                f32(0.005, 0.005, 0.005),
                                f32(1, 1, 1),
                                f32(0, 0, 0),
                                f32(1, 1, 1)))
                .node(
                        "cubalif",
                        new CubaLIF(
                                f32(0.002, 0.002, 0.002),
                                f32(0.005, 0.005, 0.005),
                                f32(1, 1, 1),
                                f32(0, 0, 0),
                                f32(1, 1, 1),
                                f32(0, 0, 0),
                                f32(2, 2, 2)))
                .node("rnn", inner)
                .node("output", new Output(NdArray.ints(3)))
                .chain(
                        "input",
                        "conv2",
                        "conv1",
                        "sum",
                        "avg",
                        "flat",
                        "aff",
                        "scale",
                        "delay",
                        "thr",
                        "i",
                        "if",
                        "li",
                        "cubali",
                        "cubalif",
                        "rnn.input")
                .edge("rnn.output", "output")
                .metadata("framework", new Text("spikeforge-test"))
                .metadata("seed", NdArray.scalar(DType.INT64, 7))
                .build();
    }
}
