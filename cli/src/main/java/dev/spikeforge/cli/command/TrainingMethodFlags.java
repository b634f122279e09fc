package dev.spikeforge.cli.command;

import dev.spikeforge.trainer.TrainingConfigBuilder;
import dev.spikeforge.trainer.config.TrainingDefaults;
import dev.spikeforge.trainer.hybrid.HybridSchedule;
import dev.spikeforge.trainer.loss.GradualSparsity;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.quant.QuantizationSpec;
import dev.spikeforge.trainer.stability.StableInit;
import dev.spikeforge.trainer.stability.SurrogateFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The train flags of stable init, the gradual sparsity loss, hybrid training and weight QAT,
 * checked and applied.
 */
final class TrainingMethodFlags {
    private TrainingMethodFlags() {}

    static void apply(
            TrainingConfigBuilder c,
            String init,
            Double initialRate,
            Double initGain,
            Double sparsityTarget,
            Double sparsityWeight,
            Boolean hybrid,
            Integer hybridLevels,
            String hybridSchedule,
            Integer spikingEpochs,
            Integer weightBits) {
        String kind = init == null ? "default" : init.toLowerCase(Locale.ROOT);
        switch (kind) {
            case "default" -> {
                if (initialRate != null)
                    throw new IllegalArgumentException("--initial-rate: only with --init stable");
            }
            case "stable" -> {
                if (initGain != null)
                    throw new IllegalArgumentException(
                            "--init-gain: scales the default initializer; --init stable chooses its"
                                    + " own statistics");
                double rate =
                        initialRate == null ? TrainingDefaults.STABLE_INITIAL_RATE : initialRate;
                if (!(rate >= 0 && rate < 1))
                    throw new IllegalArgumentException(
                            "--initial-rate: must be in (0, 1), or 0 for no bias tuning; got "
                                    + rate);
                c.initializer(
                        new StableInit(
                                rate == 0 ? Double.NaN : rate,
                                TrainingDefaults.STABLE_TUNING_BATCHES,
                                SurrogateFamily.of(c.surrogate())));
            }
            default ->
                    throw new IllegalArgumentException(
                            "--init: unknown '" + init + "'; choose default or stable");
        }
        if (sparsityWeight != null && sparsityTarget == null)
            throw new IllegalArgumentException("--sparsity-weight: only with --sparsity-target");
        if (sparsityTarget != null) {
            if (!(sparsityTarget >= 0 && sparsityTarget <= 1))
                throw new IllegalArgumentException(
                        "--sparsity-target: must be in [0, 1], got " + sparsityTarget);
            double w = sparsityWeight == null ? TrainingDefaults.SPARSITY_WEIGHT : sparsityWeight;
            if (!(w > 0) || Double.isInfinite(w))
                throw new IllegalArgumentException("--sparsity-weight: must be > 0, got " + w);
            List<LossTerm> extra = new ArrayList<>(c.loss().extra());
            extra.add(new GradualSparsity(sparsityTarget, w, c.epochs()));
            c.extraLossTerms(extra);
        }
        boolean hy = Boolean.TRUE.equals(hybrid);
        if (!hy && (hybridLevels != null || hybridSchedule != null || spikingEpochs != null)) {
            throw new IllegalArgumentException(
                    (hybridLevels != null
                                    ? "--hybrid-levels"
                                    : hybridSchedule != null
                                            ? "--hybrid-schedule"
                                            : "--spiking-epochs")
                            + ": only with --hybrid");
        }
        HybridSchedule schedule = null;
        if (hy) {
            int levels = hybridLevels == null ? TrainingDefaults.HYBRID_LEVELS : hybridLevels;
            if (levels < 2)
                throw new IllegalArgumentException(
                        "--hybrid-levels: must be >= 2 (1 is binary spikes), got " + levels);
            int spiking =
                    spikingEpochs == null ? TrainingDefaults.HYBRID_SPIKING_EPOCHS : spikingEpochs;
            if (spiking < 1)
                throw new IllegalArgumentException(
                        "--spiking-epochs: must be >= 1 (the exported network spikes), got "
                                + spiking);
            schedule =
                    new HybridSchedule(
                            levels,
                            HybridSchedule.parseKind(
                                    hybridSchedule == null
                                            ? TrainingDefaults.HYBRID_SCHEDULE
                                            : hybridSchedule),
                            spiking);
        }
        int bits = weightBits == null ? 0 : weightBits;
        if (weightBits != null && (bits < 1 || bits > 16))
            throw new IllegalArgumentException("--weight-bits: must be 1..16, got " + bits);
        if (schedule != null || bits != 0) c.quantization(new QuantizationSpec(schedule, bits));
    }
}
