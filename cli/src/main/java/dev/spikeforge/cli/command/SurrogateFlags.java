package dev.spikeforge.cli.command;

import dev.spikeforge.trainer.adapt.AdaLiSchedule;
import dev.spikeforge.trainer.adapt.ChiAdaptation;
import dev.spikeforge.trainer.adapt.SurrogateAdaptation;
import dev.spikeforge.trainer.config.TrainingDefaults;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.QPseudoSpike;
import dev.spikeforge.trainer.surrogate.Surrogate;
import dev.spikeforge.trainer.surrogate.SurrogateShapes;

/**
 * Turns the surrogate flags (--surrogate, --dampening, --sharpness, --tail-fatness) into a
 * surrogate, naming the flag at fault.
 */
public final class SurrogateFlags {
    public static final double DEFAULT_DAMPENING = TrainingDefaults.SURROGATE_DAMPENING,
            DEFAULT_SHARPNESS = TrainingDefaults.SURROGATE_SHARPNESS;

    private SurrogateFlags() {}

    /**
     * @param shape null: fast-sigmoid; dampening, sharpness, tailFatness null: the defaults
     */
    public static Surrogate surrogate(
            String shape, Double dampening, Double sharpness, Double tailFatness) {
        String s =
                shape == null
                        ? SurrogateShapes.NAMES.get(0)
                        : shape.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals(AdaLi.SHAPE)) {
            if (dampening != null || sharpness != null || tailFatness != null) {
                throw new IllegalArgumentException(
                        "--dampening/--sharpness/--tail-fatness: not used by --surrogate adali,"
                                + " whose window is set per epoch by --adali-schedule"
                                + " power|linear|sqrt|auto");
            }
            return new AdaLi(AdaLiSchedule.L_MAX, AdaLiSchedule.L_MAX);
        }
        if (tailFatness != null && !s.equals(QPseudoSpike.SHAPE)) {
            throw new IllegalArgumentException(
                    "--tail-fatness: only q-pseudospike has a tail fatness q, not " + s);
        }
        double g = dampening == null ? DEFAULT_DAMPENING : dampening,
                sh = sharpness == null ? DEFAULT_SHARPNESS : sharpness;
        if (!(g > 0)) throw new IllegalArgumentException("--dampening: must be > 0, got " + g);
        if (!(sh > 0)) throw new IllegalArgumentException("--sharpness: must be > 0, got " + sh);
        if (tailFatness != null && !(tailFatness > 1))
            throw new IllegalArgumentException("--tail-fatness: q must be > 1, got " + tailFatness);
        try {
            return SurrogateShapes.create(s, g, sh, tailFatness == null ? 0 : tailFatness);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--surrogate: " + e.getMessage());
        }
    }

    /** --adali-schedule (only with adali), --chi-adapt and --chi-tolerance (null: the default). */
    public static SurrogateAdaptation adaptation(
            Surrogate surrogate, String adaliSchedule, String chiAdapt, Double chiTolerance) {
        SurrogateAdaptation a = SurrogateAdaptation.NONE;
        if (chiTolerance != null) a = a.withChiTolerance(chiTolerance);
        if (adaliSchedule != null) {
            if (!(surrogate instanceof AdaLi))
                throw new IllegalArgumentException("--adali-schedule: needs --surrogate adali");
            try {
                a = a.withAdaLi(AdaLiSchedule.parse(adaliSchedule.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--adali-schedule: " + e.getMessage());
            }
        }
        if (chiAdapt != null) a = a.withChi(ChiAdaptation.parse(chiAdapt));
        return a;
    }
}
