package dev.spikeforge.trainer.settings;

import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.AugmentationSettings;
import dev.spikeforge.proto.GradualSparsitySettings;
import dev.spikeforge.proto.InitializerSettings;
import dev.spikeforge.proto.InputSettings;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.LayerSettings;
import dev.spikeforge.proto.LossSettings;
import dev.spikeforge.proto.LossTermSettings;
import dev.spikeforge.proto.NeuronSettings;
import dev.spikeforge.proto.OptimizerSettings;
import dev.spikeforge.proto.QuantizationSettings;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.ScaledNormalSettings;
import dev.spikeforge.proto.SpikeRateSettings;
import dev.spikeforge.proto.StableInitSettings;
import dev.spikeforge.proto.SurrogateAdaptationSettings;
import dev.spikeforge.proto.SurrogateSettings;
import dev.spikeforge.proto.TrainingSettings;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.adapt.SurrogateAdaptation;
import dev.spikeforge.trainer.config.EncodingSpec;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.config.OptimizerSpec;
import dev.spikeforge.trainer.loss.GradualSparsity;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.loss.SpikeRateRegularizer;
import dev.spikeforge.trainer.network.Initializer;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
import dev.spikeforge.trainer.quant.QuantizationSpec;
import dev.spikeforge.trainer.stability.StableInit;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.ShapedSurrogate;
import dev.spikeforge.trainer.surrogate.Surrogate;
import dev.spikeforge.trainer.train.CosineSchedule;
import dev.spikeforge.trainer.train.EpochSchedule;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link TrainingConfig} as a {@link TrainingSettings} message; {@link SettingsReader} is the
 * inverse.
 */
public final class SettingsWriter {
    private SettingsWriter() {}

    /**
     * Empty when a part is a kind the message cannot express (e.g. a loss term or initializer added
     * in Java).
     */
    public static Optional<TrainingSettings> write(TrainingConfig c) {
        try {
            return Optional.of(settings(c));
        } catch (Unexpressible e) {
            return Optional.empty();
        }
    }

    private static TrainingSettings settings(TrainingConfig c) {
        TrainingSettings.Builder b =
                TrainingSettings.newBuilder()
                        .setName(c.name() == null ? "" : c.name())
                        .setInput(input(c.input()))
                        .setNeuron(neuron(c.neuron()))
                        .setOptimizer(optimizer(c.optimizer()))
                        .setSurrogate(surrogate(c.surrogate()))
                        .setInitializer(initializer(c.initializer()))
                        .setBatch(c.batch())
                        .setEpochs(c.epochs())
                        .setSeed(c.seed())
                        .setThreads(c.threads())
                        .setLimit(c.limit())
                        .setTestLimit(c.testLimit())
                        .setEvaluateEachEpoch(c.evaluateEachEpoch())
                        .setAugmentation(
                                AugmentationSettings.newBuilder()
                                        .setFlip(c.augmentation().flip())
                                        .setMaxShift(c.augmentation().maxShift()))
                        .setSurrogateAdaptation(adaptation(c.surrogateAdaptation()))
                        .setQuantization(quantization(c.quantization()))
                        .setDropout(c.dropout());
        for (LayerSpec l : c.layers()) b.addLayers(layer(l));
        LossSettings.Builder loss =
                LossSettings.newBuilder().setScore(c.loss().score()).setScale(c.loss().scale());
        for (LossTerm t : c.loss().extra()) loss.addExtra(lossTerm(t));
        return b.setLoss(loss).build();
    }

    private static LayerSettings layer(LayerSpec l) {
        LayerSettings.Builder b =
                LayerSettings.newBuilder().setUnits(l.units()).addAllSources(l.sources());
        if (l instanceof LayerSpec.Conv v) {
            return b.setKind(LayerKind.CONV_LIF)
                    .setKernel(v.kernel())
                    .setPadding(v.padding())
                    .setStride(v.stride())
                    .setPool(v.pool())
                    .build();
        }
        return b.setKind(
                        l instanceof LayerSpec.Recurrent
                                ? LayerKind.RECURRENT_LIF
                                : LayerKind.DENSE_LIF)
                .build();
    }

    private static InputSettings input(EncodingSpec e) {
        InputSettings.Builder b =
                InputSettings.newBuilder()
                        .setEncoding(e.kind())
                        .setSteps(e.steps())
                        .setGain(e.gain())
                        .setLatencyCutoff(e.latencyCutoff());
        if (e.encodingSeed() != null) b.setEncodingSeed(e.encodingSeed());
        return b.build();
    }

    private static NeuronSettings neuron(NeuronSpec n) {
        return NeuronSettings.newBuilder()
                .setDu(n.du())
                .setDv(n.dv())
                .setThreshold(n.threshold())
                .setReset(
                        n.reset() == Reset.TO_ZERO
                                ? ResetMode.RESET_TO_ZERO
                                : ResetMode.RESET_BY_SUBTRACTION)
                .setReadoutDv(n.readoutDv())
                .setLearnLeaks(n.learnLeaks())
                .setLearnThresholds(n.learnThresholds())
                .build();
    }

    private static OptimizerSettings optimizer(OptimizerSpec o) {
        OptimizerSettings.Builder b =
                OptimizerSettings.newBuilder()
                        .setLearningRate(o.learningRate())
                        .setBeta1(o.beta1())
                        .setBeta2(o.beta2())
                        .setEpsilon(o.epsilon())
                        .setWeightDecay(o.weightDecay())
                        .setClipNorm(o.clipNorm());
        EpochSchedule s = o.schedule();
        if (s == EpochSchedule.CONSTANT) return b.setSchedule("constant").build();
        if (s instanceof CosineSchedule cosine)
            return b.setSchedule("cosine").setLrFloor(cosine.floor()).build();
        throw new Unexpressible();
    }

    private static LossTermSettings lossTerm(LossTerm t) {
        if (t instanceof GradualSparsity g) {
            return LossTermSettings.newBuilder()
                    .setGradualSparsity(
                            GradualSparsitySettings.newBuilder()
                                    .setTarget(g.target())
                                    .setWeight(g.weight())
                                    .setEpochs(g.epochs()))
                    .build();
        }
        if (t instanceof SpikeRateRegularizer r) {
            return LossTermSettings.newBuilder()
                    .setSpikeRate(
                            SpikeRateSettings.newBuilder()
                                    .setWeight(r.weight())
                                    .setTargetRate(r.targetRate()))
                    .build();
        }
        throw new Unexpressible();
    }

    static SurrogateSettings surrogate(Surrogate s) {
        if (s instanceof AdaLi a) {
            return SurrogateSettings.newBuilder()
                    .setShape(AdaLi.SHAPE)
                    .setWindowLeft(a.left())
                    .setWindowRight(a.right())
                    .setAreaLeft(a.a())
                    .setAreaRight(a.b())
                    .build();
        }
        if (s instanceof ShapedSurrogate shaped) {
            return SurrogateSettings.newBuilder()
                    .setShape(shaped.shape())
                    .setDampening(shaped.gamma())
                    .setSharpness(shaped.sharpness())
                    .setTailFatness(shaped.tailFatness())
                    .build();
        }
        throw new Unexpressible();
    }

    private static InitializerSettings initializer(Initializer i) {
        if (i instanceof ScaledNormalInitializer n) {
            return InitializerSettings.newBuilder()
                    .setScaledNormal(ScaledNormalSettings.newBuilder().setGain(n.gain()))
                    .build();
        }
        if (i instanceof StableInit s) {
            return InitializerSettings.newBuilder()
                    .setStable(
                            StableInitSettings.newBuilder()
                                    .setInitialRate(s.initialRate())
                                    .setTuningBatches(s.tuningBatches())
                                    .setSurrogateShape(s.family().name())
                                    .setTailFatness(s.family().tailFatness()))
                    .build();
        }
        throw new Unexpressible();
    }

    private static SurrogateAdaptationSettings adaptation(SurrogateAdaptation a) {
        SurrogateAdaptationSettings.Builder b =
                SurrogateAdaptationSettings.newBuilder()
                        .setAdaliSchedule(a.adali().kindName())
                        .setAdaliMax(a.adali().lMax())
                        .setAdaliMin(a.adali().lMin())
                        .setChiTolerance(a.chiTolerance());
        if (a.chi() != null)
            b.setChiAdapt(true).setChiMin(a.chi().chiMin()).setChiMax(a.chi().chiMax());
        return b.build();
    }

    private static QuantizationSettings quantization(QuantizationSpec q) {
        QuantizationSettings.Builder b =
                QuantizationSettings.newBuilder().setWeightBits(q.weightBits());
        if (q.hybrid() != null) {
            b.setHybrid(true)
                    .setHybridLevels(q.hybrid().startLevels())
                    .setHybridSpikingEpochs(q.hybrid().spikingEpochs())
                    .setHybridSchedule(q.hybrid().kind().name().toLowerCase(Locale.ROOT));
        }
        return b.build();
    }

    /** A part the message has no field for. */
    private static final class Unexpressible extends RuntimeException {
        Unexpressible() {
            super(null, null, false, false);
        }
    }
}
