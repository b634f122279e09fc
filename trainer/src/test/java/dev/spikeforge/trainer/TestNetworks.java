package dev.spikeforge.trainer;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.NetworkFactory;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/** Small random networks and data sets for tests. */
public final class TestNetworks {
    private TestNetworks() {}

    public static LifNetwork mlp(
            int inputs,
            int[] hidden,
            int outputs,
            FloatLif neuron,
            double initGain,
            long seed,
            DataType type) {
        return NetworkFactory.create(
                inputs,
                hidden,
                outputs,
                neuron,
                new FloatLif(1.0, 0.0, 1.0, Reset.TO_ZERO),
                new ScaledNormalInitializer(initGain),
                seed,
                type);
    }

    /** Any layer stack through the trainer's own factory. */
    public static LifNetwork network(
            InputGeometry input,
            List<LayerSpec> layers,
            int outputs,
            NeuronSpec neurons,
            ScoreMode score,
            double initGain,
            long seed,
            DataType type) {
        return NetworkFactory.create(
                input,
                layers,
                outputs,
                neurons,
                score,
                new ScaledNormalInitializer(initGain),
                seed,
                type);
    }

    /**
     * Random grey-scale "images" of rows×cols with random labels; about a third of the pixels are
     * black.
     */
    public static LabeledImages randomImages(
            int count, int rows, int cols, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] pixels = new byte[count * rows * cols];
        for (int i = 0; i < pixels.length; i++)
            pixels[i] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(256));
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = r.nextInt(classes);
        return new LabeledImages("random/test", rows, cols, pixels, labels, classes);
    }
}
