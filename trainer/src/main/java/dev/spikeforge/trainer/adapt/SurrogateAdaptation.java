package dev.spikeforge.trainer.adapt;

import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.Surrogate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run changes its surrogate from epoch to epoch: AdaLi's window schedule (used only when the surrogate is
 * AdaLi) and chi adaptation (null = off).
 */
public record SurrogateAdaptation(AdaLiSchedule adali, ChiAdaptation chi) {
    public static final SurrogateAdaptation NONE = new SurrogateAdaptation(AdaLiSchedule.DEFAULT, null);

    public SurrogateAdaptation {
        if (adali == null) adali = AdaLiSchedule.DEFAULT;
    }

    public SurrogateAdaptation withAdaLi(AdaLiSchedule v) {
        return new SurrogateAdaptation(v, chi);
    }

    public SurrogateAdaptation withChi(ChiAdaptation v) {
        return new SurrogateAdaptation(adali, v);
    }

    /** The settings that apply with this surrogate, as provenance text; empty when nothing adapts. */
    public Map<String, String> describe(Surrogate surrogate) {
        Map<String, String> m = new LinkedHashMap<>();
        if (surrogate instanceof AdaLi) m.put("adali_schedule", adali.describe());
        if (chi != null) m.put("chi_adapt", chi.describe() + " (factor " + ChiAdaptation.FACTOR + ", tolerance " + Chi.TOLERANCE + " of the peak)");
        return m;
    }
}
