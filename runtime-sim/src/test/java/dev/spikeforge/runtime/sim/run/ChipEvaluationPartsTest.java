package dev.spikeforge.runtime.sim.run;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.Pacing;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.testing.Nets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A dataset run in parts (as machines of a cluster run it) combines to exactly the single run's
 * counts, time and energy.
 */
class ChipEvaluationPartsTest {

    @Test
    void partsRunElsewhereCombineToTheWholeRun() throws Exception {
        CompiledNetwork.Builder b =
                Nets.random(
                                3,
                                new int[] {50, 60, 10},
                                0.3,
                                50,
                                true,
                                0,
                                0,
                                NeuronModel.CUBA_LIF,
                                32)
                        .toBuilder()
                        .setProfile(Nets.costed(Pacing.FREE_RUNNING, 0));
        b.getInputBuilder().setEncoding(Encoding.RATE).setSteps(8).setGain(1f).setEncodingSeed(5);
        CompiledNetwork net = b.build();
        Random rnd = new Random(9);
        int n = 23;
        byte[] pixels = new byte[n * 50];
        rnd.nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = rnd.nextInt(10);
        LabeledImages data = new LabeledImages("random", 5, 10, pixels, labels, 10);

        ChipEvaluation whole = ChipEvaluation.run(net, data, null, 2, AnnComparison.FP32_MAC_J);
        List<ChipEvaluation.Part> parts = new ArrayList<>();
        // out of order, and each through Java serialization as an engine ships it back
        for (int[] r : new int[][] {{15, 23}, {0, 7}, {7, 15}})
            parts.add(roundTrip(ChipEvaluation.runPart(net, roundTrip(data), r[0], r[1], null, 1)));
        ChipEvaluation split = ChipEvaluation.combine(net, data, parts, AnnComparison.FP32_MAC_J);

        assertArrayEquals(whole.predictions(), split.predictions());
        assertEquals(whole.correct(), split.correct());
        for (EventKind e : EventKind.ALL) {
            for (int c = 0; c <= whole.counters().cores(); c++)
                assertEquals(
                        whole.counters().count(e, c),
                        split.counters().count(e, c),
                        e + " column " + c);
        }
        assertEquals(whole.counters().totalSpikes(), split.counters().totalSpikes());
        assertTrue(whole.counters().totalSpikes() > 0, "the network must do something");
        var a = whole.timing();
        var t = split.timing();
        assertEquals(a.steps(), t.steps());
        assertArrayEquals(a.chipBounds(), t.chipBounds());
        assertArrayEquals(a.busySeconds(), t.busySeconds());
        assertEquals(a.minStepSeconds(), t.minStepSeconds());
        assertEquals(a.maxStepSeconds(), t.maxStepSeconds());
        assertEquals(
                List.of(
                        a.bottleneckCore(),
                        a.bottleneckLayer(),
                        a.bottleneckSteps(),
                        a.overloads()),
                List.of(
                        t.bottleneckCore(),
                        t.bottleneckLayer(),
                        t.bottleneckSteps(),
                        t.overloads()));
        assertEquals(whole.energy().total().totalJ(), split.energy().total().totalJ(), 0);
        assertEquals(
                whole.energy().perInference().totalJ(), split.energy().perInference().totalJ(), 0);

        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ChipEvaluation.combine(
                                net, data, parts.subList(0, 2), AnnComparison.FP32_MAC_J),
                "a sample in no part");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
