package dev.spikeforge.compiler.conv;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.constraint.CompilationException;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.layers.PoolingChoice;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.proto.artifact.JsonForm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SEW-ResNet block in miniature, as {@code train --arch resnet} builds it: input 1x6x6; a conv
 * stem (2 channels, 3x3 pad 1) with 2x2 sum pooling; a block of two convs (2 channels, 3x3 pad 1,
 * no pooling) on the pooled 2x3x3 map; a dense layer reading the block's output summed with the
 * stem's pooled output (sources [b, stem]); a readout. Weights are multiples of 1/64 and decays
 * exact (du = 1, dv = 0), so the chip can match the float network exactly.
 */
class ResidualCompileTest {
    static final int H = 6,
            C = 2,
            K = 3,
            POOLED = C * (H / 2) * (H / 2),
            DENSE = 6,
            CLASSES = 3,
            STEPS = 20;

    @TempDir Path dir;

    static TrainedNetwork net() {
        TrainedLayer stem =
                Fixtures.conv(
                        "stem",
                        1,
                        H,
                        H,
                        C,
                        K,
                        1,
                        2,
                        Fixtures.sixtyFourths(C * K * K, 50, 1),
                        null,
                        1f,
                        ResetMode.RESET_TO_ZERO);
        // No biases after the pooling layer: the step of delay it adds would shift their input
        // against their bias.
        TrainedLayer a =
                Fixtures.conv(
                        "a",
                        C,
                        H / 2,
                        H / 2,
                        C,
                        K,
                        1,
                        1,
                        Fixtures.sixtyFourths(C * C * K * K, 40, 2),
                        null,
                        1f,
                        ResetMode.RESET_TO_ZERO);
        TrainedLayer b =
                Fixtures.conv(
                        "b",
                        C,
                        H / 2,
                        H / 2,
                        C,
                        K,
                        1,
                        1,
                        Fixtures.sixtyFourths(C * C * K * K, 40, 3),
                        null,
                        1f,
                        ResetMode.RESET_TO_ZERO);
        TrainedLayer d =
                TrainedLayer.newBuilder()
                        .setName("d")
                        .setKind(LayerKind.DENSE_LIF)
                        .setSize(DENSE)
                        .setWeights(
                                tensor(Fixtures.sixtyFourths(DENSE * POOLED, 40, 4), DENSE, POOLED))
                        .setNeuron(
                                FloatLifParams.newBuilder()
                                        .setDu(1f)
                                        .setDv(0f)
                                        .setThreshold(1f)
                                        .setReset(ResetMode.RESET_TO_ZERO))
                        .addSources(2)
                        .addSources(0)
                        .build();
        TrainedLayer out =
                TrainedLayer.newBuilder()
                        .setName("out")
                        .setKind(LayerKind.READOUT)
                        .setSize(CLASSES)
                        .setWeights(
                                tensor(
                                        Fixtures.sixtyFourths(CLASSES * DENSE, 100, 5),
                                        CLASSES,
                                        DENSE))
                        .setNeuron(FloatLifParams.newBuilder().setDu(1f).setDv(0f).setThreshold(1f))
                        .build();
        TrainedNetwork n = Fixtures.network(H * H, STEPS, stem, a, b, d, out);
        return n.toBuilder()
                .setInput(n.getInput().toBuilder().clearShape().addShape(1).addShape(H).addShape(H))
                .build();
    }

    static Tensor tensor(float[] v, int... shape) {
        Tensor.Builder t = Tensor.newBuilder();
        for (int s : shape) t.addShape(s);
        for (float x : v) t.addValues(x);
        return t.build();
    }

    private static CompiledNetwork loihi2() {
        return Compiler.compile(net(), ChipProfiles.load("loihi2"), CompileOptions.defaults());
    }

    @Test
    void theStemGetsOnePoolingLayerThatTheBlockAndTheSumBothRead() {
        CompiledNetwork c = loihi2();
        assertEquals(
                List.of("stem", "stem_pool", "a", "b", "d", "out"),
                c.getLayersList().stream().map(CompiledLayer::getName).toList());
        assertTrue(c.getLayers(1).getNeuron().getGraded());
        assertEquals(1, c.getLayers(2).getSource(), "the block reads the pooling layer");
        assertEquals(0, c.getLayers(2).getSourcesCount(), "one source: no list");
        assertEquals(3, c.getLayers(4).getSource());
        assertEquals(
                List.of(3, 1),
                c.getLayers(4).getSourcesList(),
                "the sum reads b and the same pooling layer");
        assertEquals(POOLED, c.getLayers(4).getFanIn(), "one weight matrix over the summed values");
        assertEquals(POOLED, c.getLayers(2).getFanIn(), "unfolded: a reads the pooled values");
        assertEquals(
                STEPS + 1,
                c.getInput().getSteps(),
                "one pooling layer on every path: one more step");
        // Every core of d receives from every core of b and of the pooling layer.
        List<Integer> dCores = coresOf(c, 4), srcCores = new ArrayList<>(coresOf(c, 3));
        srcCores.addAll(coresOf(c, 1));
        for (int dst : dCores) {
            for (int src : srcCores) {
                assertTrue(
                        c.getRoutesList().stream()
                                .anyMatch(r -> r.getSrcCore() == src && r.getDstCore() == dst),
                        "route " + src + " -> " + dst);
            }
        }
    }

    private static List<Integer> coresOf(CompiledNetwork c, int layer) {
        return c.getCoresList().stream()
                .filter(k -> k.getLayer() == layer)
                .map(k -> (int) k.getId())
                .toList();
    }

    @Test
    void onLoihi2ItSpikesExactlyAsTheFloatNetworkOneStepLater() {
        // Trained layer -> chip layer; every chip layer after the pooling layer runs one step
        // behind, the readout (chip layer 5) too.
        ChipMatchesFloat.assertExact(
                net(),
                loihi2(),
                H * H,
                STEPS,
                11,
                new int[] {0, 2, 3, 4},
                new int[] {0, 1, 1, 1},
                5,
                1);
    }

    @Test
    void theCompiledArtifactKeepsItsSourcesThroughTheFileAndJson() {
        CompiledNetwork c = loihi2();
        Path f = dir.resolve("resnet.sfc");
        ArtifactFiles.write(f, c);
        CompiledNetwork back = ArtifactFiles.read(f, ArtifactKind.COMPILED_NETWORK);
        assertEquals(c, back);
        assertEquals(List.of(3, 1), back.getLayers(4).getSourcesList());
        String json = JsonForm.toJson(back);
        assertTrue(
                json.contains("\"sources\": [3, 1]"),
                json.substring(0, Math.min(json.length(), 400)));
        CompiledNetwork fromJson = JsonForm.fromJson(f, json, ArtifactKind.COMPILED_NETWORK);
        assertEquals(c, fromJson);
        assertEquals(List.of(3, 1), fromJson.getLayers(4).getSourcesList());
    }

    @Test
    void withoutGradedSpikesThePooledSourceIsRefusedByName() {
        CompilationException e =
                assertThrows(
                        CompilationException.class,
                        () -> Compiler.compile(net(), ChipProfiles.load("loihi1")));
        ConstraintViolation v =
                e.violations().stream()
                        .filter(x -> x.constraint().equals(ConstraintViolation.POOLED_SOURCE))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(e.getMessage()));
        assertEquals("d", v.layer());
        assertTrue(v.hint().contains("'stem'") && v.hint().contains("loihi2"), v.hint());
        assertTrue(e.getMessage().contains("pooled_source"), e.getMessage());
        // Folding cannot help: the sum's columns are the pooled values.
        CompilationException fold =
                assertThrows(
                        CompilationException.class,
                        () ->
                                Compiler.compile(
                                        net(),
                                        ChipProfiles.load("loihi1"),
                                        CompileOptions.defaults().withPooling(PoolingChoice.FOLD)));
        assertTrue(
                fold.violations().stream()
                        .anyMatch(x -> x.constraint().equals(ConstraintViolation.POOLED_SOURCE)),
                fold.getMessage());
    }
}
