package dev.spikeforge.compiler.conv;

import static dev.spikeforge.compiler.conv.ResidualCompileTest.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.constraint.CompilationException;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.layers.SumChoice;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.compiler.validate.FloatReference;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A residual sum compiled as a sum layer: the miniature SEW block of {@link ResidualCompileTest},
 * whose dense layer d adds the block's output b to the stem's pooled map (a graded source, counts
 * up to 4) before its weights.
 */
class SumLayerTest {
    private static CompiledNetwork compile(ChipProfile p, SumChoice sums) {
        return Compiler.compile(net(), p, CompileOptions.defaults().withSums(sums));
    }

    @Test
    void theSumLayerAddsBothSourcesColumnByColumnAndTheReaderReadsItAlone() {
        CompiledNetwork c = compile(ChipProfiles.load("loihi2"), SumChoice.LAYER);
        assertEquals(
                List.of("stem", "stem_pool", "a", "b", "d_sum", "d", "out"),
                c.getLayersList().stream().map(CompiledLayer::getName).toList());
        CompiledLayer sum = c.getLayers(4), d = c.getLayers(5);
        assertTrue(sum.getNeuron().getGraded());
        assertEquals(
                List.of(3, 1),
                sum.getSourcesList(),
                "the sum reads b and the stem's pooling layer");
        assertEquals(POOLED, sum.getSize());
        assertEquals(POOLED, sum.getFanIn());
        for (int i = 0; i < POOLED; i++) {
            assertEquals(
                    1,
                    sum.getSparseWeights().getSourceStart(i + 1)
                            - sum.getSparseWeights().getSourceStart(i),
                    "column " + i);
            assertEquals(
                    i,
                    sum.getSparseWeights().getTarget(i),
                    "column " + i + " feeds sum neuron " + i);
        }
        assertEquals(4, d.getSource());
        assertEquals(0, d.getSourcesCount(), "the reader has one source left");
        assertEquals(
                STEPS + 2,
                c.getInput().getSteps(),
                "the pooling layer and the sum layer: two more steps");
        assertEquals("SUM", c.getReport().getLayers(4).getScaleMode());
    }

    @Test
    void withASumLayerItSpikesExactlyAsTheFloatNetworkTwoStepsLaterBeyondTheSum() {
        TrainedNetwork net = net();
        CompiledNetwork c = compile(ChipProfiles.load("loihi2"), SumChoice.LAYER);
        FloatReference ref = new FloatReference(NetworkValidator.validate(net));
        int[] chipOf = {0, 2, 3, 5};
        int[] lag = {0, 1, 1, 2};
        Random r = new Random(12);
        int[] spikes = new int[4];
        try (Simulator sim = new Simulator(c)) {
            List<boolean[][]> floatSpikes = new ArrayList<>();
            List<double[]> floatOut = new ArrayList<>();
            for (int t = 0; t < STEPS + 2; t++) {
                int[] in =
                        t < STEPS
                                ? r.ints(0, H * H).limit(12).distinct().sorted().toArray()
                                : new int[0];
                sim.step(in, in.length);
                ref.step(in);
                boolean[][] now = new boolean[4][];
                for (int l = 0; l < 4; l++) now[l] = ref.spikes(l).clone();
                floatSpikes.add(now);
                floatOut.add(ref.voltages(4).clone());
                for (int l = 0; l < 4; l++) {
                    if (t < lag[l]) continue;
                    boolean[] expected = floatSpikes.get(t - lag[l])[l];
                    assertArrayEquals(
                            expected, sim.spikes(chipOf[l]), "layer " + l + " at chip step " + t);
                    for (boolean s : expected) if (s) spikes[l]++;
                }
                if (t >= 2)
                    assertProportional(
                            floatOut.get(t - 2), sim.voltages(6), "readout at chip step " + t);
            }
        }
        for (int l = 0; l < 4; l++)
            assertTrue(spikes[l] > 10, "layer " + l + " must spike: " + spikes[l]);
    }

    /** chip = s · float for one s &gt; 0. */
    private static void assertProportional(double[] f, int[] chip, String what) {
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

    @Test
    void autoTakesASumLayerExactlyWhereReadingTheSourcesDirectlyBreaksTheFanIn() {
        ChipProfile loihi2 = ChipProfiles.load("loihi2");
        // d's neurons read POOLED columns from each of two sources: 2 x 18 synapses directly, 18
        // through a sum layer.
        ChipProfile tight = loihi2.toBuilder().setMaxFanIn(2 * POOLED - 1).build();
        CompilationException direct =
                assertThrows(CompilationException.class, () -> compile(tight, SumChoice.DIRECT));
        ConstraintViolation v =
                direct.violations().stream()
                        .filter(x -> x.constraint().equals(ConstraintViolation.FAN_IN))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(direct.getMessage()));
        assertEquals("d", v.layer());
        assertEquals(2 * POOLED, v.needed());
        CompiledNetwork auto = compile(tight, SumChoice.AUTO);
        assertEquals("d_sum", auto.getLayers(4).getName());
        assertEquals(POOLED, auto.getLayers(5).getFanIn());
        // Where the fan-in allows it, auto reads the sum directly (no extra step).
        CompiledNetwork roomy = compile(loihi2, SumChoice.AUTO);
        assertTrue(roomy.getLayersList().stream().noneMatch(l -> l.getName().equals("d_sum")));
        assertEquals(STEPS + 1, roomy.getInput().getSteps());
    }

    @Test
    void aChipWithoutGradedSpikesRefusesASumLayerByName() {
        ChipProfile binary = ChipProfiles.load("loihi2").toBuilder().setGradedSpikeBits(0).build();
        CompilationException e =
                assertThrows(CompilationException.class, () -> compile(binary, SumChoice.LAYER));
        ConstraintViolation v =
                e.violations().stream()
                        .filter(
                                x ->
                                        x.constraint().equals(ConstraintViolation.GRADED_SPIKES)
                                                && x.hint().contains("sum layer"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(e.getMessage()));
        assertTrue(v.hint().contains("--sums direct"), v.hint());
    }
}
