package dev.spikeforge.trainer.settings;

import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.InitializerSettings;
import dev.spikeforge.proto.InputSettings;
import dev.spikeforge.proto.LayerSettings;
import dev.spikeforge.proto.LossTermSettings;
import dev.spikeforge.proto.NeuronSettings;
import dev.spikeforge.proto.OptimizerSettings;
import dev.spikeforge.proto.QuantizationSettings;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.StableInitSettings;
import dev.spikeforge.proto.SurrogateAdaptationSettings;
import dev.spikeforge.proto.SurrogateSettings;
import dev.spikeforge.proto.TrainingSettings;
import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.adapt.AdaLiSchedule;
import dev.spikeforge.trainer.adapt.ChiAdaptation;
import dev.spikeforge.trainer.adapt.SurrogateAdaptation;
import dev.spikeforge.trainer.config.EncodingSpec;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.LossSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.config.OptimizerSpec;
import dev.spikeforge.trainer.hybrid.HybridSchedule;
import dev.spikeforge.trainer.input.Augmentation;
import dev.spikeforge.trainer.loss.GradualSparsity;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.loss.SpikeRateRegularizer;
import dev.spikeforge.trainer.network.Initializer;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
import dev.spikeforge.trainer.quant.QuantizationSpec;
import dev.spikeforge.trainer.stability.StableInit;
import dev.spikeforge.trainer.stability.SurrogateFamily;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.Surrogate;
import dev.spikeforge.trainer.surrogate.SurrogateShapes;
import dev.spikeforge.trainer.train.EpochSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link TrainingConfig} a {@link TrainingSettings} message holds (the inverse of {@link
 * SettingsWriter}).
 */
public final class SettingsReader {
    private SettingsReader() {}

    /**
     * @throws ConfigException naming the setting when the message holds one that cannot work
     */
    public static TrainingConfig read(TrainingSettings s) {
        List<LayerSpec> layers = new ArrayList<>();
        for (LayerSettings l : s.getLayersList()) layers.add(layer(l));
        List<LossTerm> extra = new ArrayList<>();
        for (LossTermSettings t : s.getLoss().getExtraList()) extra.add(lossTerm(t));
        return TrainingConfig.defaults().toBuilder()
                .name(s.getName().isEmpty() ? null : s.getName())
                .layers(layers)
                .input(input(s.getInput()))
                .neuron(neuron(s.getNeuron()))
                .optimizer(optimizer(s.getOptimizer()))
                .loss(new LossSpec(s.getLoss().getScore(), s.getLoss().getScale(), extra))
                .surrogate(surrogate(s.getSurrogate()))
                .initializer(initializer(s.getInitializer()))
                .batch(s.getBatch())
                .epochs(s.getEpochs())
                .seed(s.getSeed())
                .threads(s.getThreads())
                .limit(s.getLimit())
                .testLimit(s.getTestLimit())
                .evaluateEachEpoch(s.getEvaluateEachEpoch())
                .augmentation(
                        new Augmentation(
                                s.getAugmentation().getFlip(), s.getAugmentation().getMaxShift()))
                .surrogateAdaptation(adaptation(s.getSurrogateAdaptation()))
                .quantization(quantization(s.getQuantization()))
                .dropout(s.getDropout())
                .build();
    }

    private static LayerSpec layer(LayerSettings l) {
        return switch (l.getKind()) {
            case DENSE_LIF -> new LayerSpec.Dense(l.getUnits(), l.getSourcesList());
            case RECURRENT_LIF -> new LayerSpec.Recurrent(l.getUnits());
            case CONV_LIF ->
                    new LayerSpec.Conv(
                            l.getUnits(),
                            l.getKernel(),
                            l.getPadding(),
                            l.getStride(),
                            l.getPool(),
                            l.getSourcesList());
            default -> throw new ConfigException("layers", "unknown layer kind " + l.getKind());
        };
    }

    private static EncodingSpec input(InputSettings i) {
        return new EncodingSpec(
                i.getEncoding(),
                i.getSteps(),
                i.getGain(),
                i.getLatencyCutoff(),
                i.hasEncodingSeed() ? i.getEncodingSeed() : null);
    }

    private static NeuronSpec neuron(NeuronSettings n) {
        return new NeuronSpec(
                n.getDu(),
                n.getDv(),
                n.getThreshold(),
                n.getReset() == ResetMode.RESET_TO_ZERO ? Reset.TO_ZERO : Reset.BY_SUBTRACTION,
                n.getReadoutDv(),
                n.getLearnLeaks(),
                n.getLearnThresholds());
    }

    private static OptimizerSpec optimizer(OptimizerSettings o) {
        EpochSchedule schedule =
                switch (o.getSchedule()) {
                    case "constant" -> EpochSchedule.CONSTANT;
                    case "cosine" -> EpochSchedule.cosine(o.getLrFloor());
                    default ->
                            throw new ConfigException(
                                    "schedule", "unknown schedule '" + o.getSchedule() + "'");
                };
        return new OptimizerSpec(
                o.getLearningRate(),
                o.getBeta1(),
                o.getBeta2(),
                o.getEpsilon(),
                o.getWeightDecay(),
                o.getClipNorm(),
                schedule);
    }

    private static LossTerm lossTerm(LossTermSettings t) {
        return switch (t.getTermCase()) {
            case GRADUAL_SPARSITY ->
                    new GradualSparsity(
                            t.getGradualSparsity().getTarget(),
                            t.getGradualSparsity().getWeight(),
                            t.getGradualSparsity().getEpochs());
            case SPIKE_RATE ->
                    new SpikeRateRegularizer(
                            t.getSpikeRate().getWeight(), t.getSpikeRate().getTargetRate());
            default -> throw new ConfigException("loss", "a loss term without a kind");
        };
    }

    static Surrogate surrogate(SurrogateSettings s) {
        if (AdaLi.SHAPE.equals(s.getShape()))
            return new AdaLi(
                    s.getWindowLeft(), s.getWindowRight(), s.getAreaLeft(), s.getAreaRight());
        return SurrogateShapes.create(
                s.getShape(), s.getDampening(), s.getSharpness(), s.getTailFatness());
    }

    private static Initializer initializer(InitializerSettings i) {
        return switch (i.getKindCase()) {
            case SCALED_NORMAL -> new ScaledNormalInitializer(i.getScaledNormal().getGain());
            case STABLE -> {
                StableInitSettings s = i.getStable();
                // The family keeps only the shape (and q): the solver picks dampening and
                // sharpness.
                SurrogateFamily family =
                        SurrogateFamily.of(
                                SurrogateShapes.create(
                                        s.getSurrogateShape(), 1, 1, s.getTailFatness()));
                yield new StableInit(s.getInitialRate(), s.getTuningBatches(), family);
            }
            default -> throw new ConfigException("init", "an initializer without a kind");
        };
    }

    private static SurrogateAdaptation adaptation(SurrogateAdaptationSettings a) {
        AdaLiSchedule adali =
                new AdaLiSchedule(
                        AdaLiSchedule.parse(a.getAdaliSchedule()).kind(),
                        a.getAdaliMax(),
                        a.getAdaliMin());
        return new SurrogateAdaptation(
                adali,
                a.getChiAdapt() ? new ChiAdaptation(a.getChiMin(), a.getChiMax()) : null,
                a.getChiTolerance());
    }

    private static QuantizationSpec quantization(QuantizationSettings q) {
        HybridSchedule hybrid =
                q.getHybrid()
                        ? new HybridSchedule(
                                q.getHybridLevels(),
                                HybridSchedule.parseKind(q.getHybridSchedule()),
                                q.getHybridSpikingEpochs())
                        : null;
        return new QuantizationSpec(hybrid, q.getWeightBits());
    }
}
