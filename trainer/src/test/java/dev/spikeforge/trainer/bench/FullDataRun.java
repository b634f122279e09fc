package dev.spikeforge.trainer.bench;

import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.trainer.FloatEvaluation;
import dev.spikeforge.trainer.FloatEvaluator;
import dev.spikeforge.trainer.Trainer;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.TrainingListener;
import dev.spikeforge.trainer.TrainingResult;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.LossSpec;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import dev.spikeforge.trainer.train.EpochSchedule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Manual measurement, not a test: trains on the full Fashion-MNIST (or data=DIR) and prints seconds
 * per epoch and test accuracy. Arguments are key=value overrides of {@link TrainingConfig#demo()},
 * e.g. {@code hidden=400 steps=25 encoding=direct epochs=2 lr=0.002 threads=2}; {@code
 * conv=16x5p0,32x3p1s2} puts conv layers (each followed by sum pooling 2 unless strided) before the
 * hidden ones, {@code rnn=128} recurrent ones.
 */
public final class FullDataRun {
    public static void main(String[] args) {
        TrainingConfig c = TrainingConfig.demo();
        Path data = FashionMnist.defaultDir();
        double gamma = 1, sharp = 1;
        boolean surrogateSet = false;
        Path out = null;
        List<LayerSpec> conv = new ArrayList<>(), dense = null, rnn = null;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            String k = kv[0], v = kv[1];
            switch (k) {
                case "data" -> data = Path.of(v);
                case "out" -> out = Path.of(v);
                case "hidden" -> dense = sizes(v, false);
                case "rnn" -> rnn = sizes(v, true);
                case "conv" -> conv.addAll(EngineProfile.specs(v));
                case "steps" -> c = c.withSteps(Integer.parseInt(v));
                case "batch" -> c = c.withBatch(Integer.parseInt(v));
                case "epochs" -> c = c.withEpochs(Integer.parseInt(v));
                case "lr" -> c = c.withLearningRate(Double.parseDouble(v));
                case "seed" -> c = c.withSeed(Long.parseLong(v));
                case "threads" -> c = c.withThreads(Integer.parseInt(v));
                case "gain" -> c = c.withGain(Float.parseFloat(v));
                case "limit" -> c = c.withLimit(Integer.parseInt(v));
                case "testlimit" -> c = c.withTestLimit(Integer.parseInt(v));
                case "dv" -> c = c.withDv(Double.parseDouble(v));
                case "du" -> c = c.withDu(Double.parseDouble(v));
                case "threshold" -> c = c.withThreshold(Double.parseDouble(v));
                case "reset" -> c = c.withReset(Reset.valueOf(v));
                case "readoutdv" -> c = c.withReadoutDv(Double.parseDouble(v));
                case "init" ->
                        c = c.withInitializer(new ScaledNormalInitializer(Double.parseDouble(v)));
                case "lossscale" -> c = c.withLossScale(Double.parseDouble(v));
                case "score" -> c = c.withScore(LossSpec.parse(v));
                case "encoding" -> c = c.withEncoding(Encoding.valueOf(v.toUpperCase(Locale.ROOT)));
                case "wd" -> c = c.withWeightDecay(Double.parseDouble(v));
                case "clip" -> c = c.withClipNorm(Double.parseDouble(v));
                case "learnleaks" -> c = c.withLearnLeaks(Boolean.parseBoolean(v));
                case "learnthresholds" -> c = c.withLearnThresholds(Boolean.parseBoolean(v));
                case "evaleach" -> c = c.withEvaluateEachEpoch(Boolean.parseBoolean(v));
                case "augment" ->
                        c =
                                c.withAugmentation(
                                        new dev.spikeforge.trainer.input.Augmentation(
                                                true, Integer.parseInt(v)));
                case "gamma" -> {
                    gamma = Double.parseDouble(v);
                    surrogateSet = true;
                }
                case "sharp" -> {
                    sharp = Double.parseDouble(v);
                    surrogateSet = true;
                }
                case "cosine" -> c = c.withSchedule(EpochSchedule.cosine(Double.parseDouble(v)));
                case "constant" -> c = c.withSchedule(EpochSchedule.CONSTANT);
                default -> throw new IllegalArgumentException("unknown key " + k);
            }
        }
        if (surrogateSet) c = c.withSurrogate(new FastSigmoid(gamma, sharp));
        if (!conv.isEmpty() || dense != null || rnn != null) {
            List<LayerSpec> layers = new ArrayList<>(conv);
            if (rnn != null) layers.addAll(rnn);
            if (dense != null) layers.addAll(dense);
            c = c.withLayers(layers);
        }
        LabeledImages train = FashionMnist.load(data, FashionMnist.Split.TRAIN, 0);
        LabeledImages test = FashionMnist.load(data, FashionMnist.Split.TEST, 0);
        System.out.println(c);
        long t0 = System.nanoTime();
        TrainingResult r =
                new Trainer(c)
                        .train(
                                train,
                                test,
                                new TrainingListener() {
                                    @Override
                                    public void onBatch(
                                            int epoch,
                                            int batch,
                                            int batches,
                                            double loss,
                                            double rate) {
                                        if (batch % 100 == 0)
                                            System.out.printf(
                                                    Locale.ROOT,
                                                    "  epoch %d batch %d/%d loss %.4f rate %.4f%n",
                                                    epoch,
                                                    batch,
                                                    batches,
                                                    loss,
                                                    rate);
                                    }

                                    @Override
                                    public void onEpoch(EpochMetrics m) {
                                        System.out.printf(
                                                Locale.ROOT,
                                                "epoch %d: loss %.4f train %.4f test %.4f  %.1f s"
                                                        + " (+%.1f s eval) rates %s%n",
                                                m.getEpoch(),
                                                m.getLoss(),
                                                m.getTrainAccuracy(),
                                                m.getTestAccuracy(),
                                                m.getSeconds(),
                                                m.getExtraOrDefault("eval_seconds", 0),
                                                m.getFiringRateList());
                                    }
                                });
        System.out.printf(
                Locale.ROOT,
                "RESULT test %.4f train %.4f epochSeconds %s synops/sample %.0f total %.1f s%n",
                r.testAccuracy(),
                r.trainAccuracy(),
                r.epochSeconds(),
                r.synapticOpsPerSample(),
                (System.nanoTime() - t0) / 1e9);
        if (out != null) dev.spikeforge.proto.artifact.ArtifactFiles.write(out, r.network());
        long t1 = System.nanoTime();
        FloatEvaluation e = FloatEvaluator.evaluate(r.network(), test, null);
        System.out.printf(
                Locale.ROOT,
                "FloatEvaluator: test %.4f (%.1f s) spikes/sample %.1f input %.1f synops %.0f%n",
                e.accuracy(),
                (System.nanoTime() - t1) / 1e9,
                e.spikesPerSample(),
                e.inputSpikesPerSample(),
                e.synapticOpsPerSample());
    }

    private static List<LayerSpec> sizes(String v, boolean recurrent) {
        List<LayerSpec> l = new ArrayList<>();
        for (String s : v.split(","))
            l.add(
                    recurrent
                            ? new LayerSpec.Recurrent(Integer.parseInt(s))
                            : new LayerSpec.Dense(Integer.parseInt(s)));
        return l;
    }
}
