package dev.spikeforge.trainer.bench;

import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.trainer.engine.BackwardPass;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.engine.ForwardPass;
import dev.spikeforge.trainer.engine.Gradients;
import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.input.RateBatchEncoder;
import dev.spikeforge.trainer.loss.LossContext;
import dev.spikeforge.trainer.loss.SoftmaxCrossEntropy;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.NetworkFactory;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Manual measurement, not a test: mean time per phase of one training step (synchronous encoding).
 * Arguments: [hidden] [steps] [threads], default 128 15 2; run from the trainer directory.
 */
public final class EngineProfile {
    public static void main(String[] a) {
        int hidden = a.length > 0 ? Integer.parseInt(a[0]) : 128, steps = a.length > 1 ? Integer.parseInt(a[1]) : 15;
        int threads = a.length > 2 ? Integer.parseInt(a[2]) : 2, batch = 128, reps = 50, warmup = 10;
        Nd4jRuntime.configure(threads);
        LabeledImages d = FashionMnist.load(Path.of("../testdata/fashion-mnist-slice"), FashionMnist.Split.TRAIN, 0);
        LifNetwork net = NetworkFactory.create(784, new int[]{hidden}, 10, new FloatLif(1, 0.05, 1, Reset.TO_ZERO).snappedToFixedGrid(),
                new FloatLif(1, 0, 1, Reset.TO_ZERO), new ScaledNormalInitializer(1), 1, DataType.FLOAT);
        BatchWorkspace ws = new BatchWorkspace(net, steps, batch);
        Gradients g = new Gradients(net);
        EngineOptions opt = EngineOptions.training(new FastSigmoid(1, 1));
        int[] idx = new int[batch], labels = new int[batch];
        long[] keys = new long[batch];
        for (int b = 0; b < batch; b++) {
            idx[b] = b;
            keys[b] = b;
            labels[b] = d.label(b);
        }
        double[] ms = new double[4];
        try (RateBatchEncoder enc = new RateBatchEncoder(new RateEncoder(steps, 1f, 1), 784, 1)) {
            for (int rep = 0; rep < warmup + reps; rep++) {
                long t0 = System.nanoTime();
                enc.encode(d, idx, keys, ws.input());
                long t1 = System.nanoTime();
                ForwardPass.run(net, ws, opt);
                long t2 = System.nanoTime();
                ws.clearGradients();
                new SoftmaxCrossEntropy(0.2).accumulate(new LossContext(ws, labels));
                long t3 = System.nanoTime();
                BackwardPass.run(net, ws, g, opt);
                long t4 = System.nanoTime();
                if (rep >= warmup) {
                    ms[0] += (t1 - t0) / 1e6;
                    ms[1] += (t2 - t1) / 1e6;
                    ms[2] += (t3 - t2) / 1e6;
                    ms[3] += (t4 - t3) / 1e6;
                }
            }
        }
        System.out.printf(Locale.ROOT, "per batch of %d, T=%d, H=%d: encode %.1f ms, forward %.1f ms, loss %.1f ms, backward %.1f ms%n",
                batch, steps, hidden, ms[0] / reps, ms[1] / reps, ms[2] / reps, ms[3] / reps);
    }
}
