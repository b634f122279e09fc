package dev.spikeforge.trainer.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma &amp; Ba) with bias correction; with {@code weightDecay > 0} AdamW (Loshchilov &amp;
 * Hutter): weights shrink by lr·wd·w before each update, decoupled from the gradient's moments.
 * Moments and scratch are allocated once; every update is a fixed sequence of in-place ND4J ops, so
 * equal inputs give equal results.
 */
public final class Adam implements Optimizer {
    private final List<Parameter> params;
    private final double beta1, beta2, epsilon, weightDecay;
    private final INDArray[] m, v, scratch;
    private long t;

    public Adam(List<Parameter> params, double beta1, double beta2, double epsilon) {
        this(params, beta1, beta2, epsilon, 0.0);
    }

    public Adam(
            List<Parameter> params,
            double beta1,
            double beta2,
            double epsilon,
            double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
            throw new IllegalArgumentException("Adam betas must be in [0, 1)");
        if (!(epsilon > 0)) throw new IllegalArgumentException("Adam epsilon must be > 0");
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0");
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
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
        double stepSize =
                learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        for (int i = 0; i < params.size(); i++) {
            Parameter param = params.get(i);
            INDArray g = param.gradient(), p = param.value(), tmp = scratch[i];
            long n = p.length();
            if (weightDecay > 0 && param.role() == Parameter.Role.WEIGHT)
                p.muli(1 - learningRate * weightDecay);
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

    @Override
    public long steps() {
        return t;
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            s.put(params.get(i).name() + "/m", m[i]);
            s.put(params.get(i).name() + "/v", v[i]);
        }
        return s;
    }

    @Override
    public void restoreSteps(long steps) {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0");
        t = steps;
    }

    @Override
    public String describe() {
        return (weightDecay > 0 ? "adamw" : "adam")
                + "(beta1="
                + beta1
                + ", beta2="
                + beta2
                + ", eps="
                + epsilon
                + (weightDecay > 0 ? ", weight_decay=" + weightDecay : "")
                + ")";
    }
}
