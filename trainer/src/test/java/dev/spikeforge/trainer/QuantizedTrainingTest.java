package dev.spikeforge.trainer;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.quantize.QuantizedWeights;
import dev.spikeforge.compiler.quantize.Rounding;
import dev.spikeforge.compiler.quantize.ScaleRule;
import dev.spikeforge.compiler.quantize.WeightQuantizer;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.extension.Batch;
import dev.spikeforge.trainer.hybrid.HybridSchedule;
import dev.spikeforge.trainer.loss.GradualSparsity;
import dev.spikeforge.trainer.quant.QuantizationSpec;
import dev.spikeforge.trainer.stability.StableInit;
import dev.spikeforge.trainer.train.SparsitySchedule;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stable init with bias pre-tuning, the gradual sparsity loss, hybrid activations and weight QAT,
 * on the real-data slice.
 */
class QuantizedTrainingTest {
    static LabeledImages train, test;

    @BeforeAll
    static void load() {
        train = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TRAIN, 600);
        test = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TEST, 200);
    }

    private static TrainingConfig small(int epochs) {
        return TrainingConfig.demo()
                .withHidden(48)
                .withSteps(10)
                .withBatch(50)
                .withEpochs(epochs)
                .withLearningRate(3e-3)
                .withSeed(5)
                .withThreads(1);
    }

    @Test
    void stableInitReachesTheTargetInitialRateAndRecordsItsChoices() {
        TrainingResult r =
                new Trainer(small(1).withInitializer(new StableInit(0.5))).train(train, test, null);
        Map<String, Double> m = r.network().getProvenance().getMetricsMap();
        assertEquals(0.5, m.get("initial_rate_target"));
        assertEquals(
                0.5,
                m.get("initial_rate_achieved_hidden0"),
                0.01,
                "measured over the tuning batches: " + m);
        double untuned = m.get("initial_rate_untuned_hidden0"),
                expected = m.get("expected_initial_rate_hidden0");
        assertTrue(
                Math.abs(untuned - expected) < 0.1,
                "the solver's expected rate " + expected + " vs measured before tuning " + untuned);
        Map<String, String> hp = r.network().getProvenance().getHyperparametersMap();
        assertTrue(hp.get("initializer").startsWith("stable("), hp.get("initializer"));
        assertTrue(hp.get("stable_init.hidden0").contains("sharpness="), hp.toString());
        assertTrue(hp.get("initial_rate").contains("achieved"), hp.get("initial_rate"));
        assertTrue(r.testAccuracy() > 0.4, "it still learns: " + r.testAccuracy());
    }

    @Test
    void sparsityWeightFollowsTheScheduleAndLowersTheRate() {
        int epochs = 5, batches = 300 / 50;
        LabeledImages train = QuantizedTrainingTest.train.limit(300);
        GradualSparsity loss = new GradualSparsity(0.02, 5.0, epochs);
        TrainingResult r =
                new Trainer(small(epochs).withExtraLossTerms(loss)).train(train, test, null);
        SparsitySchedule s = new SparsitySchedule(epochs);
        for (EpochMetrics m : r.epochs()) {
            // the weight of the epoch's last batch
            double expected =
                    5.0 * s.weight(new Batch(m.getEpoch(), batches - 1, batches).progress());
            assertEquals(
                    expected, m.getExtraOrThrow("sparsity_weight"), 1e-12, "epoch " + m.getEpoch());
        }
        TrainingResult plain = new Trainer(small(epochs)).train(train, test, null);
        assertTrue(
                r.firingRates()[0] < plain.firingRates()[0],
                "rate " + r.firingRates()[0] + " vs " + plain.firingRates()[0] + " without");
        assertEquals(0.02, r.network().getProvenance().getMetricsOrThrow("sparsity_target"));
    }

    @Test
    void hybridThenSpikingWithQuantizedWeightsExportsWhatTheChipRuns() {
        QuantizationSpec q =
                new QuantizationSpec(new HybridSchedule(8, HybridSchedule.Kind.HALVING, 1), 4);
        TrainingResult r = new Trainer(small(3).withQuantization(q)).train(train, test, null);
        assertArrayEquals(
                new double[] {8, 4, 1},
                r.epochs().stream().mapToDouble(m -> m.getExtraOrThrow("hybrid_levels")).toArray());
        for (EpochMetrics m : r.epochs()) assertEquals(4.0, m.getExtraOrThrow("weight_bits"));
        assertTrue(r.testAccuracy() > 0.4, "learns through the anneal: " + r.testAccuracy());
        TrainedNetwork net = r.network();
        for (TrainedLayer layer : net.getLayersList()) {
            float[] w = new float[layer.getWeights().getValuesCount()];
            for (int i = 0; i < w.length; i++) w[i] = layer.getWeights().getValues(i);
            QuantizedWeights c = WeightQuantizer.quantize(w, 4, Rounding.NEAREST, ScaleRule.AUTO);
            assertEquals(
                    0.0,
                    c.meanAbsError(),
                    1e-7,
                    layer.getName() + ": the compiler's 4-bit rounding changes nothing");
            assertTrue(
                    c.maxLevels(layer.getSize(), w.length / layer.getSize()) <= 14,
                    "at most 2·7 non-zero levels");
        }
        Map<String, String> hp = net.getProvenance().getHyperparametersMap();
        assertTrue(hp.get("hybrid").startsWith("halving(start_levels=8"), hp.toString());
        assertTrue(hp.get("weight_bits").startsWith("4"), hp.toString());
    }
}
