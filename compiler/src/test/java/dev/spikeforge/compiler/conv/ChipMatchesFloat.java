package dev.spikeforge.compiler.conv;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.validate.FloatReference;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Drives a compiled network and its float reference with the same random input and asserts that
 * every trained spiking layer's chip spikes are the float ones {@code lag} steps later, and the
 * readout's integer v the float v times one scale (every value exact: multiples of 1/64 in float,
 * integers on the chip), {@code readoutLag} steps later.
 */
final class ChipMatchesFloat {
    private ChipMatchesFloat() {}

    /**
     * @param chipOf chip index of each trained spiking layer (the readout is the layer after them)
     * @param lag steps each runs behind on the chip (pooling and sum layers on its way)
     */
    static void assertExact(
            TrainedNetwork net,
            CompiledNetwork chip,
            int inputs,
            int steps,
            long seed,
            int[] chipOf,
            int[] lag,
            int readoutChip,
            int readoutLag) {
        int layers = chipOf.length;
        FloatReference ref = new FloatReference(NetworkValidator.validate(net));
        Random r = new Random(seed);
        int[] spikes = new int[layers];
        try (Simulator sim = new Simulator(chip)) {
            List<boolean[][]> floatSpikes = new ArrayList<>();
            List<double[]> floatOut = new ArrayList<>();
            for (int t = 0; t < steps + readoutLag; t++) {
                int[] in =
                        t < steps
                                ? r.ints(0, inputs).limit(12).distinct().sorted().toArray()
                                : new int[0];
                sim.step(in, in.length);
                ref.step(in);
                boolean[][] now = new boolean[layers][];
                for (int l = 0; l < layers; l++) now[l] = ref.spikes(l).clone();
                floatSpikes.add(now);
                floatOut.add(ref.voltages(layers).clone());
                for (int l = 0; l < layers; l++) {
                    if (t < lag[l]) continue;
                    boolean[] expected = floatSpikes.get(t - lag[l])[l];
                    assertArrayEquals(
                            expected, sim.spikes(chipOf[l]), "layer " + l + " at chip step " + t);
                    for (boolean s : expected) if (s) spikes[l]++;
                }
                if (t >= readoutLag)
                    assertProportional(
                            floatOut.get(t - readoutLag),
                            sim.voltages(readoutChip),
                            "readout at chip step " + t);
            }
        }
        for (int l = 0; l < layers; l++)
            assertTrue(spikes[l] > 10, "layer " + l + " must spike: " + spikes[l]);
    }

    /** chip = s · float for one s &gt; 0. */
    static void assertProportional(double[] f, int[] chip, String what) {
        int k = 0;
        while (k < f.length && f[k] == 0) k++;
        if (k == f.length) {
            for (int v : chip) assertEquals(0, v, what);
            return;
        }
        double s = chip[k] / f[k];
        assertTrue(s > 0, what);
        for (int i = 0; i < f.length; i++)
            assertEquals(f[i] * s, chip[i], 1e-9, what + " class " + i);
    }
}
