package dev.spikeforge.trainer.settings;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.Trainer;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.loss.GradualSparsity;
import dev.spikeforge.trainer.loss.LossTerm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A configuration read back from the artifact's typed settings trains bit for bit the same weights.
 */
class SettingsTrainSameWeightsTest {
    @Test
    void theArtifactsConfigurationRetrainsTheSameWeights() {
        LabeledImages train =
                FashionMnist.load(
                        java.nio.file.Path.of("../testdata/fashion-mnist-slice"),
                        FashionMnist.Split.TRAIN,
                        200);
        TrainingConfig c =
                TrainingConfig.defaults().toBuilder()
                        .hidden(16)
                        .steps(6)
                        .encoding(Encoding.RATE)
                        .batch(50)
                        .epochs(2)
                        .threads(1)
                        .seed(11)
                        .learnThresholds(true)
                        .extraLossTerms(List.<LossTerm>of(new GradualSparsity(0.05, 1, 2)))
                        .build();
        TrainedNetwork first = new Trainer(c).train(train, null, null).network();
        TrainingConfig again = SettingsReader.read(first.getProvenance().getConfig());
        TrainedNetwork second = new Trainer(again).train(train, null, null).network();
        assertEquals(first.getLayersList(), second.getLayersList());
        assertEquals(first.getProvenance().getConfig(), second.getProvenance().getConfig());
    }
}
