package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies small ND4J results to Java arrays. ND4J's own toDoubleMatrix() on a view reads element by
 * element through JNI; one contiguous copy is far faster (docs/benchmarks.md, "Engine design
 * measurements").
 */
public final class HostCopy {
    private HostCopy() {}

    public static double[][] toDoubleMatrix(INDArray a) {
        int rows = (int) a.rows(), cols = (int) a.columns();
        double[] flat = a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) System.arraycopy(flat, r * cols, out[r], 0, cols);
        return out;
    }

    public static double[] toDoubleVector(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }
}
