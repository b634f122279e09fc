package dev.spikeforge.trainer.bench;

import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.engine.BackwardPass;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.engine.ForwardPass;
import dev.spikeforge.trainer.engine.Gradients;
import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.input.BatchEncoder;
import dev.spikeforge.trainer.input.SampleEncoders;
import dev.spikeforge.trainer.loss.LossContext;
import dev.spikeforge.trainer.loss.SoftmaxCrossEntropy;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.NetworkFactory;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Manual measurement, not a test: mean time per phase of one training step (synchronous encoding).
 * Arguments: [layers] [steps] [threads] [encoding], default 400 25 2 direct; run from the trainer
 * directory. Layers are comma-separated: a number is a dense layer, CxK[pP][sS] a conv layer (2x2
 * sum pooling unless strided), e.g. {@code 16x3p1,32x3p1,256}.
 */
public final class EngineProfile {
    public static void main(String[] a) {
        String layers = a.length > 0 ? a[0] : "400";
        int steps = a.length > 1 ? Integer.parseInt(a[1]) : 25;
        int threads = a.length > 2 ? Integer.parseInt(a[2]) : 2,
                batch = 128,
                reps = Integer.getInteger("reps", 50),
                warmup = 20;
        Encoding encoding =
                Encoding.valueOf((a.length > 3 ? a[3] : "direct").toUpperCase(Locale.ROOT));
        LabeledImages d =
                FashionMnist.load(
                        Path.of("../testdata/fashion-mnist-slice"), FashionMnist.Split.TRAIN, 0);
        var sampleEncoder = SampleEncoders.create(encoding, steps, 1f, 0f, 1, 28, 28);
        Nd4jRuntime.configure(threads, false);
        LifNetwork net =
                NetworkFactory.create(
                        new InputGeometry(1, 28, 28, false),
                        specs(layers),
                        10,
                        new NeuronSpec(1, 0.05, 1, Reset.TO_ZERO, 0, false, false),
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        new ScaledNormalInitializer(1),
                        1,
                        DataType.FLOAT);
        BatchWorkspace ws = new BatchWorkspace(net, steps, batch, sampleEncoder.constant());
        Gradients g = new Gradients(net);
        EngineOptions opt =
                EngineOptions.training(new FastSigmoid(1, 1))
                        .withObservedStepsOnly(true); // as the trainer runs
        int[] idx = new int[batch], labels = new int[batch];
        long[] keys = new long[batch];
        for (int b = 0; b < batch; b++) {
            idx[b] = b;
            keys[b] = b;
            labels[b] = d.label(b);
        }
        double[] ms = new double[4];
        // CPU time of the whole process (BLAS threads included): steadier than wall time when other
        // work shares the cores.
        var os =
                (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = 0, wall0 = 0;
        try (BatchEncoder enc = new BatchEncoder(sampleEncoder, 784, 1)) {
            for (int rep = 0; rep < warmup + reps; rep++) {
                if (rep == warmup) {
                    cpu0 = os.getProcessCpuTime();
                    wall0 = System.nanoTime();
                }
                long t0 = System.nanoTime();
                enc.encode(d, idx, keys, ws.input());
                long t1 = System.nanoTime();
                ForwardPass.run(ws, opt);
                long t2 = System.nanoTime();
                ws.clearGradients();
                new SoftmaxCrossEntropy(0.2).accumulate(new LossContext(ws, labels));
                long t3 = System.nanoTime();
                BackwardPass.run(ws, g, opt);
                long t4 = System.nanoTime();
                if (rep >= warmup) {
                    ms[0] += (t1 - t0) / 1e6;
                    ms[1] += (t2 - t1) / 1e6;
                    ms[2] += (t3 - t2) / 1e6;
                    ms[3] += (t4 - t3) / 1e6;
                }
            }
        }
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e6 / reps,
                wall = (System.nanoTime() - wall0) / 1e6 / reps;
        System.out.printf(
                Locale.ROOT,
                "per batch of %d, T=%d, %s, %s: encode %.1f ms, forward %.1f ms, loss %.1f ms,"
                        + " backward %.1f ms; total %.1f ms wall, %.1f ms CPU%n",
                batch,
                steps,
                layers,
                encoding,
                ms[0] / reps,
                ms[1] / reps,
                ms[2] / reps,
                ms[3] / reps,
                wall,
                cpu);
    }

    static List<LayerSpec> specs(String layers) {
        List<LayerSpec> specs = new java.util.ArrayList<>();
        for (String t : layers.split(",")) {
            if (!t.contains("x")) {
                specs.add(new LayerSpec.Dense(Integer.parseInt(t)));
                continue;
            }
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("(\\d+)x(\\d+)(?:p(\\d+))?(?:s(\\d+))?")
                            .matcher(t);
            if (!m.matches()) throw new IllegalArgumentException(t);
            int stride = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            specs.add(
                    new LayerSpec.Conv(
                            Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(2)),
                            m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                            stride,
                            stride > 1 ? 1 : 2));
        }
        return specs;
    }
}
