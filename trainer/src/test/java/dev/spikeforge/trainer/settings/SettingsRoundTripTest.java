package dev.spikeforge.trainer.settings;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.TrainingSettings;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.adapt.AdaLiSchedule;
import dev.spikeforge.trainer.adapt.ChiAdaptation;
import dev.spikeforge.trainer.adapt.SurrogateAdaptation;
import dev.spikeforge.trainer.config.ConvNotation;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.ResidualNet;
import dev.spikeforge.trainer.hybrid.HybridSchedule;
import dev.spikeforge.trainer.input.Augmentation;
import dev.spikeforge.trainer.loss.GradualSparsity;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.loss.SpikeRateRegularizer;
import dev.spikeforge.trainer.network.Initializer;
import dev.spikeforge.trainer.quant.QuantizationSpec;
import dev.spikeforge.trainer.stability.StableInit;
import dev.spikeforge.trainer.stability.SurrogateFamily;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.QPseudoSpike;
import dev.spikeforge.trainer.train.EpochSchedule;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every setting survives the typed message exactly; the message compares runs field by field,
 * threads aside.
 */
class SettingsRoundTripTest {

    private static void assertRoundTrip(TrainingConfig c) {
        TrainingSettings s = SettingsWriter.write(c).orElseThrow();
        TrainingConfig back = SettingsReader.read(s);
        assertEquals(s, SettingsWriter.write(back).orElseThrow());
        assertEquals(c.hyperparameters(), back.hyperparameters(), "the same run, as text too");
        assertEquals(c.layers(), back.layers());
        assertEquals(c.input(), back.input());
        assertEquals(c.neuron(), back.neuron());
        assertEquals(c.surrogate(), back.surrogate());
    }

    @Test
    void defaultsAndDemo() {
        assertRoundTrip(TrainingConfig.defaults());
        assertRoundTrip(TrainingConfig.demo().withName("mine").withEncodingSeed(-5L));
    }

    @Test
    void everyKindOfPart() {
        List<LayerSpec> resnet =
                ResidualNet.layers(ConvNotation.parseList("16x3p1,8x3p1s2"), 2, new int[] {64, 32});
        TrainingConfig c =
                TrainingConfig.defaults().toBuilder()
                        .layers(resnet)
                        .encoding(Encoding.LATENCY)
                        .latencyCutoff(0.25f)
                        .steps(40)
                        .reset(Reset.BY_SUBTRACTION)
                        .du(0.3)
                        .learnLeaks(true)
                        .learnThresholds(true)
                        .readoutDv(0.125)
                        .schedule(EpochSchedule.CONSTANT)
                        .adam(0.8, 0.99, 1e-7)
                        .weightDecay(0.02)
                        .clipNorm(1.5)
                        .lossScale(0.7)
                        .epochs(6)
                        .extraLossTerms(
                                List.<LossTerm>of(
                                        new GradualSparsity(0.05, 2, 6),
                                        new SpikeRateRegularizer(0.1, 0.02)))
                        .surrogate(new AdaLi(0.7, 0.9, 0.5, 0.5))
                        .surrogateAdaptation(
                                new SurrogateAdaptation(
                                        new AdaLiSchedule(AdaLiSchedule.Kind.SQRT, 1.2, 0.4),
                                        new ChiAdaptation(0.1, 0.5),
                                        0.07))
                        .initializer(
                                new StableInit(
                                        Double.NaN,
                                        3,
                                        SurrogateFamily.of(new QPseudoSpike(1, 2, 3.5))))
                        .quantization(
                                new QuantizationSpec(
                                        new HybridSchedule(8, HybridSchedule.Kind.GEOMETRIC, 2), 6))
                        .augmentation(new Augmentation(true, 3))
                        .dropout(0.2)
                        .evaluateEachEpoch(false)
                        .limit(100)
                        .testLimit(10)
                        .threads(3)
                        .seed(-1)
                        .build();
        assertRoundTrip(c);
        StableInit init =
                (StableInit)
                        SettingsReader.read(SettingsWriter.write(c).orElseThrow()).initializer();
        assertEquals("q-pseudospike", init.family().name());
        assertEquals(3.5, init.family().tailFatness());
        assertTrue(Double.isNaN(init.initialRate()));
    }

    @Test
    void aPartTheMessageCannotExpressLeavesItOut() {
        Initializer custom =
                new Initializer() {
                    @Override
                    public void initialize(
                            dev.spikeforge.trainer.network.LayerShape shape,
                            float[] weights,
                            float[] bias,
                            SplittableRandom random) {}

                    @Override
                    public String describe() {
                        return "custom";
                    }
                };
        assertTrue(
                SettingsWriter.write(TrainingConfig.defaults().withInitializer(custom)).isEmpty());
    }

    @Test
    void diffNamesTheFieldsThatDifferButNotThreads() {
        TrainingSettings a = SettingsWriter.write(TrainingConfig.defaults()).orElseThrow();
        TrainingSettings b =
                SettingsWriter.write(
                                TrainingConfig.defaults().withThreads(7).withEpochs(3).withDu(0.5))
                        .orElseThrow();
        List<String> d = SettingsDiff.diff(a, b);
        assertEquals(2, d.size(), d.toString());
        assertEquals("epochs was 2, now 3", d.get(1));
        assertEquals("neuron.du was 1.0, now 0.5", d.get(0));
        assertTrue(
                SettingsDiff.diff(
                                a,
                                SettingsWriter.write(TrainingConfig.defaults().withThreads(7))
                                        .orElseThrow())
                        .isEmpty());
    }
}
