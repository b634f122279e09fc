package dev.spikeforge.compiler.conv;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.constraint.CompilationException;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.layers.PoolingChoice;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sum pooling compiled as a layer of graded neurons against pooling folded into the next layer's
 * synapses: the same network (input 1x8x8, conv 2 channels 3x3 pad 1 with 2x2 pooling, conv 2
 * channels 3x3 pad 1 with 2x2 pooling, readout of 3 classes), its weights multiples of 1/64 so both
 * forms quantize them exactly.
 */
class PoolingLayerTest {
    static final int H = 8, W = 8, O = 2, K = 3, CLASSES = 3, STEPS = 20;

    static TrainedNetwork net() {
        return net(H, W, O);
    }

    static TrainedNetwork net(int h, int w, int o) {
        TrainedLayer c1 =
                Fixtures.conv(
                        "c1",
                        1,
                        h,
                        w,
                        o,
                        K,
                        1,
                        2,
                        Fixtures.sixtyFourths(o * K * K, 60, 3),
                        Fixtures.sixtyFourths(o, 2, 9),
                        1f,
                        ResetMode.RESET_TO_ZERO);
        // Layers after a pooling layer have no bias: with one, the step of delay the pooling layer
        // adds would shift
        // their input against their bias, and the two forms would no longer be equal step for step.
        TrainedLayer c2 =
                Fixtures.conv(
                        "c2",
                        o,
                        h / 2,
                        w / 2,
                        o,
                        K,
                        1,
                        2,
                        Fixtures.sixtyFourths(o * o * K * K, 50, 5),
                        null,
                        1f,
                        ResetMode.RESET_TO_ZERO);
        int pooled = o * (h / 4) * (w / 4);
        TrainedLayer out =
                TrainedLayer.newBuilder()
                        .setName("out")
                        .setKind(LayerKind.READOUT)
                        .setSize(CLASSES)
                        .setWeights(
                                dev.spikeforge.proto.Tensor.newBuilder()
                                        .addShape(CLASSES)
                                        .addShape(pooled)
                                        .addAllValues(
                                                ConvCompileTest.boxed(
                                                        Fixtures.sixtyFourths(
                                                                CLASSES * pooled, 100, 4))))
                        .setNeuron(FloatLifParams.newBuilder().setDu(1f).setDv(0f).setThreshold(1f))
                        .build();
        TrainedNetwork n = Fixtures.network(h * w, STEPS, c1, c2, out);
        return n.toBuilder()
                .setInput(n.getInput().toBuilder().clearShape().addShape(1).addShape(h).addShape(w))
                .build();
    }

    private static CompiledNetwork compile(ChipProfile p, PoolingChoice pooling) {
        return Compiler.compile(net(), p, CompileOptions.defaults().withPooling(pooling));
    }

    @Test
    void aPoolingLayerEqualsFoldedPoolingSpikeForSpikeOneStepLater() {
        ChipProfile loihi2 = ChipProfiles.load("loihi2");
        CompiledNetwork fold = compile(loihi2, PoolingChoice.FOLD),
                layer = compile(loihi2, PoolingChoice.LAYER);
        assertEquals(
                List.of("c1", "c2", "out"),
                fold.getLayersList().stream().map(CompiledLayer::getName).toList());
        assertEquals(
                List.of("c1", "c1_pool", "c2", "c2_pool", "out"),
                layer.getLayersList().stream().map(CompiledLayer::getName).toList());
        assertTrue(
                layer.getLayers(1).getNeuron().getGraded()
                        && layer.getLayers(3).getNeuron().getGraded());
        assertEquals(
                O * H * W,
                fold.getLayers(1).getFanIn(),
                "folded: c2 reads every pre-pool neuron of c1");
        assertEquals(
                O * (H / 2) * (W / 2),
                layer.getLayers(2).getFanIn(),
                "unfolded: c2 reads the pooled values");
        assertEquals(STEPS + 2, layer.getInput().getSteps(), "two pooling layers: two more steps");
        // The pooling layer's payloads are the counts: the readers keep the folded exponents.
        assertEquals(fold.getLayers(1).getWeightExp(), layer.getLayers(2).getWeightExp());
        assertEquals(fold.getLayers(2).getWeightExp(), layer.getLayers(4).getWeightExp());

        Random r = new Random(17);
        int c2Spikes = 0;
        boolean readoutMoved = false;
        try (Simulator a = new Simulator(fold);
                Simulator b = new Simulator(layer)) {
            List<boolean[]> c2Fold = new ArrayList<>();
            List<int[]> outFold = new ArrayList<>();
            for (int t = 0; t < STEPS + 2; t++) {
                int[] in =
                        t < STEPS
                                ? r.ints(0, H * W).limit(20).distinct().sorted().toArray()
                                : new int[0];
                a.step(in, in.length);
                b.step(in, in.length);
                assertArrayEquals(
                        a.spikes(0),
                        b.spikes(0),
                        "c1 at step " + t + ": before any pooling layer, identical");
                c2Fold.add(a.spikes(1).clone());
                outFold.add(a.voltages(2).clone());
                if (t >= 1)
                    assertArrayEquals(
                            c2Fold.get(t - 1), b.spikes(2), "c2 one step later at step " + t);
                if (t >= 2)
                    assertArrayEquals(
                            outFold.get(t - 2),
                            b.voltages(4),
                            "readout two steps later at step " + t);
                for (boolean s : a.spikes(1)) if (s) c2Spikes++;
                readoutMoved |= Arrays.stream(a.voltages(2)).anyMatch(v -> v != 0);
            }
        }
        assertTrue(c2Spikes > 10, "the second conv layer must spike: " + c2Spikes);
        assertTrue(readoutMoved);
    }

    @Test
    void autoAddsAPoolingLayerOnlyWhereFoldingBreaksAFanInLimit() {
        // Folded, the readout reads O*4*4 = 32 pre-pool neurons and c2 reads 2*8*8 = 128; a fan-in
        // of 64 breaks c2 only.
        ChipProfile small = ChipProfiles.load("loihi2").toBuilder().setMaxFanIn(64).build();
        CompiledNetwork auto = compile(small, PoolingChoice.AUTO);
        assertEquals(
                List.of("c1", "c1_pool", "c2", "out"),
                auto.getLayersList().stream().map(CompiledLayer::getName).toList());
        assertEquals(STEPS + 1, auto.getInput().getSteps());
        // Folded, a reader's core takes every pre-pool neuron its range reads as an input axon; on
        // a bigger map with
        // few axons per core that cuts cores to a few neurons, and every pooling as a layer takes
        // fewer: auto takes it.
        TrainedNetwork big = net(16, 16, 4);
        ChipProfile fewAxons =
                ChipProfiles.load("loihi2").toBuilder()
                        .setInputAxonsPerCore(400)
                        .setNeuronsPerCore(256)
                        .build();
        int folded =
                Compiler.partition(
                                big,
                                fewAxons,
                                CompileOptions.defaults().withPooling(PoolingChoice.FOLD))
                        .cores()
                        .size();
        int layered =
                Compiler.partition(
                                big,
                                fewAxons,
                                CompileOptions.defaults().withPooling(PoolingChoice.LAYER))
                        .cores()
                        .size();
        assertTrue(layered < folded, layered + " cores with pooling layers, " + folded + " folded");
        var auto2 = Compiler.chipLayers(big, fewAxons, CompileOptions.defaults());
        assertEquals(2, auto2.poolingLayers());
        assertEquals(
                layered,
                Compiler.partition(big, fewAxons, CompileOptions.defaults()).cores().size());
        // Without graded spikes auto keeps folding, and the limit is reported as broken.
        ChipProfile noGraded = small.toBuilder().setGradedSpikeBits(0).build();
        CompilationException e =
                assertThrows(
                        CompilationException.class, () -> compile(noGraded, PoolingChoice.AUTO));
        assertTrue(
                e.violations().stream()
                        .anyMatch(
                                v ->
                                        v.layer().equals("c2")
                                                && v.constraint()
                                                        .equals(ConstraintViolation.FAN_IN)),
                e.getMessage());
        // Asked for a pooling layer on a chip without graded spikes: refused by name.
        CompilationException g =
                assertThrows(
                        CompilationException.class, () -> compile(noGraded, PoolingChoice.LAYER));
        assertTrue(
                g.violations().stream()
                        .anyMatch(
                                v ->
                                        v.constraint().equals(ConstraintViolation.GRADED_SPIKES)
                                                && v.hint().contains("--pooling fold")),
                g.getMessage());
    }
}
