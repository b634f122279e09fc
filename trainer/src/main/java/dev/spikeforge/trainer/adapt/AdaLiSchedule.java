package dev.spikeforge.trainer.adapt;

import java.util.Locale;

/**
 * How AdaLi's window half-widths L and R move over the epochs (methods.md §4), from {@code lMax} in
 * epoch 1 to {@code lMin} in the last epoch E:
 *
 * <ul>
 *   <li>{@code power} (default): L(e) = L_max · e^β, β = ln(L_min/L_max) / ln E;
 *   <li>{@code linear}: L_max + (L_min − L_max)·(e − 1)/(E − 1);
 *   <li>{@code sqrt}: L_max + (L_min − L_max)·√((e − 1)/(E − 1));
 *   <li>{@code auto}: epoch 1 uses L_max; afterwards L = θ − Q1 and R = Q3 − θ from the
 *       membrane-potential quartiles of the epoch before, each clamped to [L_min, L_max] (our rule:
 *       the paper leaves it open; the clamp keeps a silent layer, whose Q3 lies below θ, from
 *       getting an empty right half).
 * </ul>
 *
 * L and R are equal under the fixed schedules.
 */
public record AdaLiSchedule(Kind kind, double lMax, double lMin) {
    public static final double L_MAX = 1.5, L_MIN = 0.3;
    public static final AdaLiSchedule DEFAULT = new AdaLiSchedule(Kind.POWER, L_MAX, L_MIN);

    public enum Kind {
        POWER,
        LINEAR,
        SQRT,
        AUTO
    }

    public AdaLiSchedule {
        if (!(lMin > 0 && lMax >= lMin) || Double.isInfinite(lMax)) {
            throw new IllegalArgumentException(
                    "AdaLi window bounds need 0 < L_min <= L_max, got L_min "
                            + lMin
                            + ", L_max "
                            + lMax);
        }
    }

    /** "power", "linear", "sqrt" or "auto". */
    public static AdaLiSchedule parse(String name) {
        for (Kind k : Kind.values())
            if (k.name().equalsIgnoreCase(name)) return new AdaLiSchedule(k, L_MAX, L_MIN);
        throw new IllegalArgumentException(
                "unknown AdaLi schedule '" + name + "' (known: power, linear, sqrt, auto)");
    }

    public String kindName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The window half-width of epoch {@code epoch} (1-based) of {@code epochs}; for auto, the first
     * epoch's.
     */
    public double window(int epoch, int epochs) {
        if (epoch < 1 || epoch > epochs)
            throw new IllegalArgumentException("epoch " + epoch + " outside 1.." + epochs);
        if (epochs == 1 || kind == Kind.AUTO) return lMax;
        double progress = (epoch - 1) / (double) (epochs - 1);
        return switch (kind) {
            case POWER -> lMax * Math.pow(epoch, Math.log(lMin / lMax) / Math.log(epochs));
            case LINEAR -> lMax + (lMin - lMax) * progress;
            case SQRT -> lMax + (lMin - lMax) * Math.sqrt(progress);
            case AUTO -> lMax;
        };
    }

    /** The automatic mode's window from quartiles of v: {L, R}. */
    public double[] autoWindow(double threshold, double q1, double q3) {
        return new double[] {clamp(threshold - q1), clamp(q3 - threshold)};
    }

    private double clamp(double w) {
        return Double.isNaN(w) ? lMax : Math.max(lMin, Math.min(lMax, w));
    }

    public String describe() {
        return kindName() + " from " + lMax + " to " + lMin;
    }
}
