package dev.spikeforge.trainer.adapt;

import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.Surrogate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run changes its surrogate from epoch to epoch: AdaLi's window schedule (used only when the
 * surrogate is AdaLi) and chi adaptation (null = off); and the tolerance chi is counted with
 * (relative to the peak, see {@link Chi}), which applies to the chi metrics whether or not chi
 * adaptation is on.
 */
public record SurrogateAdaptation(AdaLiSchedule adali, ChiAdaptation chi, double chiTolerance) {
    public static final SurrogateAdaptation NONE =
            new SurrogateAdaptation(AdaLiSchedule.DEFAULT, null);

    public SurrogateAdaptation {
        if (adali == null) adali = AdaLiSchedule.DEFAULT;
        Chi.checkTolerance(chiTolerance);
    }

    public SurrogateAdaptation(AdaLiSchedule adali, ChiAdaptation chi) {
        this(adali, chi, Chi.DEFAULT_TOLERANCE);
    }

    public SurrogateAdaptation withAdaLi(AdaLiSchedule v) {
        return new SurrogateAdaptation(v, chi, chiTolerance);
    }

    public SurrogateAdaptation withChi(ChiAdaptation v) {
        return new SurrogateAdaptation(adali, v, chiTolerance);
    }

    public SurrogateAdaptation withChiTolerance(double v) {
        return new SurrogateAdaptation(adali, chi, v);
    }

    /**
     * The settings that apply with this surrogate, as provenance text: the AdaLi schedule and chi
     * adaptation when used, and always chi_tolerance (the chi metrics depend on it). Runs
     * checkpointed before the tolerance was a setting (then 1e-3) lack it, so resuming them is
     * refused as a different run: their chi was counted otherwise.
     */
    public Map<String, String> describe(Surrogate surrogate) {
        Map<String, String> m = new LinkedHashMap<>();
        if (surrogate instanceof AdaLi) m.put("adali_schedule", adali.describe());
        if (chi != null)
            m.put("chi_adapt", chi.describe() + " (factor " + ChiAdaptation.FACTOR + ")");
        m.put("chi_tolerance", Double.toString(chiTolerance));
        return m;
    }
}
