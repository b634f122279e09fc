package dev.spikeforge.compiler.conv;

import static dev.spikeforge.compiler.conv.ResidualCompileTest.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.constraint.CompilationException;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.layers.SumChoice;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import java.util.List;
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
        // d (chip layer 5) and the readout (6) run two steps behind: the pooling and the sum layer.
        ChipMatchesFloat.assertExact(
                net(),
                compile(ChipProfiles.load("loihi2"), SumChoice.LAYER),
                H * H,
                STEPS,
                12,
                new int[] {0, 2, 3, 5},
                new int[] {0, 1, 1, 2},
                6,
                2);
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
