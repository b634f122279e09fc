package dev.spikeforge.trainer.export;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.Provenance;
import dev.spikeforge.proto.SurrogateSpec;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.network.LifNetwork;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Assembles the {@link TrainedNetwork} artifact: the layers plus where they came from. */
public final class ArtifactBuilder {
    private ArtifactBuilder() {}

    public record Origin(
            long seed,
            String dataset,
            int trainSamples,
            int testSamples,
            SurrogateSpec surrogate,
            Map<String, String> hyperparameters,
            Map<String, Double> metrics,
            List<EpochMetrics> epochs) {}

    public static TrainedNetwork build(
            String name, InputSpec input, LifNetwork net, Origin origin) {
        Provenance provenance =
                Provenance.newBuilder()
                        .setToolVersion(ToolVersion.get())
                        .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                        .setSeed(origin.seed())
                        .setDataset(origin.dataset())
                        .setTrainSamples(origin.trainSamples())
                        .setTestSamples(origin.testSamples())
                        .setSurrogate(origin.surrogate())
                        .putAllHyperparameters(origin.hyperparameters())
                        .putAllMetrics(origin.metrics())
                        .addAllEpochs(origin.epochs())
                        .build();
        return TrainedNetwork.newBuilder()
                .setName(name)
                .setInput(input)
                .addAllLayers(NetworkCodec.toLayers(net))
                .setScore(net.score())
                .setProvenance(provenance)
                .build();
    }

    /** "fashion-mnist/train" → "fashion-mnist": the data set, not the split. */
    public static String datasetName(String splitName) {
        int slash = splitName.indexOf('/');
        return slash > 0 ? splitName.substring(0, slash) : splitName;
    }
}
