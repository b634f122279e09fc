package dev.spikeforge.trainer.surrogate;

import static dev.spikeforge.trainer.surrogate.SurrogateOps.*;

import dev.spikeforge.proto.SurrogateSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * AdaLi (seed 001, methods.md §4): an asymmetric rectangle, dz/dx = a/L on [−L, 0) and b/R on [0,
 * R], 0 elsewhere (x = v − θ), area a + b. No exp and no division per element: the derivative is a
 * few compare-and-set passes. The window (L, R) changes from epoch to epoch (see {@code
 * dev.spikeforge.trainer.adapt.AdaLiSchedule}).
 *
 * @param left L, the window below the threshold
 * @param right R, the window above it
 * @param a the area below the threshold (0.5 in the paper)
 * @param b the area above it (0.5)
 */
public record AdaLi(double left, double right, double a, double b) implements Surrogate {
    public static final String SHAPE = "adali";
    public static final double HALF = 0.5;

    public AdaLi {
        if (!(left > 0) || Double.isInfinite(left))
            throw new IllegalArgumentException("AdaLi window L must be > 0, got " + left);
        if (!(right > 0) || Double.isInfinite(right))
            throw new IllegalArgumentException("AdaLi window R must be > 0, got " + right);
        if (!(a > 0) || !(b > 0))
            throw new IllegalArgumentException("AdaLi areas a, b must be > 0, got " + a + ", " + b);
    }

    /** The paper's form: a = b = ½. */
    public AdaLi(double left, double right) {
        this(left, right, HALF, HALF);
    }

    public AdaLi withWindow(double left, double right) {
        return new AdaLi(left, right, a, b);
    }

    /** a·clip((x + L)/L, 0, 1) + b·clip(x/R, 0, 1). */
    @Override
    public INDArray value(INDArray x, INDArray out) {
        INDArray rightPart = clip(scale(x, 1 / right, x.dup()), 0, 1);
        clip(add(scale(x, 1 / left, out), 1), 0, 1);
        return scale(out, a, out).addi(rightPart.muli(b));
    }

    /**
     * Regions are marked with sentinels so that every pass is one compare-and-set over the block,
     * in place: below −L → R+1 (joins "above R"), [−L, 0) → −1, above R → −2, [0, R] → b/R, −2 → 0,
     * −1 → a/L.
     */
    @Override
    public INDArray derivative(INDArray x, INDArray out) {
        copy(x, out);
        set(out, right + 1, Conditions.lessThan(-left));
        set(out, -1, Conditions.lessThan(0));
        set(out, -2, Conditions.greaterThan(right));
        set(out, b / right, Conditions.greaterThanOrEqual(0));
        set(out, 0, Conditions.lessThan(-1.5));
        return set(out, a / left, Conditions.lessThan(0));
    }

    @Override
    public double derivative(double x) {
        if (x >= -left && x < 0) return a / left;
        if (x >= 0 && x <= right) return b / right;
        return 0;
    }

    @Override
    public double value(double x) {
        return a * Math.max(0, Math.min(1, (x + left) / left))
                + b * Math.max(0, Math.min(1, x / right));
    }

    @Override
    public double peak() {
        return Math.max(a / left, b / right);
    }

    @Override
    public double area() {
        return a + b;
    }

    /** The whole window: both plateaus exceed any tolerance below 1 of the lower one. */
    @Override
    public ActiveRange activeRange(double tolerance) {
        return new ActiveRange(-left, right);
    }

    @Override
    public AdaLi widened(double factor) {
        if (!(factor > 0))
            throw new IllegalArgumentException("widening factor must be > 0, got " + factor);
        return withWindow(left * factor, right * factor);
    }

    /** The dampening field carries a (= b), the window fields L and R. */
    @Override
    public SurrogateSpec spec() {
        return SurrogateSpec.newBuilder()
                .setShape(SHAPE)
                .setDampening((float) a)
                .setWindowLeft((float) left)
                .setWindowRight((float) right)
                .build();
    }

    @Override
    public String describe() {
        return SHAPE + "(L=" + left + ", R=" + right + ", a=" + a + ", b=" + b + ")";
    }
}
