package dev.spikeforge.trainer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba) with bias correction. Moments and scratch are allocated once; every update is a fixed
 * sequence of in-place ND4J ops, so equal inputs give equal results.
 */
public final class Adam implements Optimizer {
    private final List<Parameter> params;
    private final double beta1, beta2, epsilon;
    private final INDArray[] m, v, scratch;
    private long t;

    public Adam(List<Parameter> params, double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam betas must be in [0, 1)");
        if (!(epsilon > 0)) throw new IllegalArgumentException("Adam epsilon must be > 0");
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        int n = this.params.size();
        m = new INDArray[n];
        v = new INDArray[n];
        scratch = new INDArray[n];
        for (int i = 0; i < n; i++) {
            INDArray p = this.params.get(i).value();
            m[i] = Nd4j.zerosLike(p);
            v[i] = Nd4j.zerosLike(p);
            scratch[i] = Nd4j.zerosLike(p);
        }
    }

    @Override
    public void step(double learningRate) {
        t++;
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        for (int i = 0; i < params.size(); i++) {
            INDArray g = params.get(i).gradient(), p = params.get(i).value(), tmp = scratch[i];
            long n = p.length();
            m[i].muli(beta1);
            Nd4j.getBlasWrapper().level1().axpy(n, 1 - beta1, g, m[i]);
            Nd4j.getExecutioner().exec(new MulOp(g, g, tmp));
            v[i].muli(beta2);
            Nd4j.getBlasWrapper().level1().axpy(n, 1 - beta2, tmp, v[i]);
            Nd4j.getExecutioner().exec(new Sqrt(v[i], tmp));
            tmp.addi(epsilon);
            Nd4j.getExecutioner().exec(new DivOp(m[i], tmp, tmp));
            Nd4j.getBlasWrapper().level1().axpy(n, -stepSize, tmp, p);
        }
    }

    public long steps() {
        return t;
    }

    @Override
    public String describe() {
        return "adam(beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
    }
}
