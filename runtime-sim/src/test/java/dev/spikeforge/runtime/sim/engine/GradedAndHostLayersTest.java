package dev.spikeforge.runtime.sim.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.*;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.testing.Nets;
import org.junit.jupiter.api.Test;

/**
 * Graded input, graded (pooling) neurons, layers reading several sources, and a first layer the
 * host computes.
 */
class GradedAndHostLayersTest {

    private static CompiledLayer.Builder layer(
            String name, int source, int size, int fanIn, int vth, int exp, int... weights) {
        CompiledLayer.Builder b =
                CompiledLayer.newBuilder()
                        .setName(name)
                        .setSource(source)
                        .setSize(size)
                        .setFanIn(fanIn)
                        .setWeightBits(8)
                        .setWeightExp(exp)
                        .setNeuron(
                                FixedLifParams.newBuilder().setDu(4095).setDv(0).setVthMant(vth));
        for (int w : weights) b.addWeights(w);
        return b;
    }

    private static CompiledNetwork.Builder net(
            int inputs, ChipProfile profile, CompiledLayer.Builder... layers) {
        CompiledNetwork.Builder b =
                CompiledNetwork.newBuilder().setName("t").setInputSize(inputs).setProfile(profile);
        int id = 0;
        for (int l = 0; l < layers.length; l++) {
            b.addLayers(layers[l]);
            if (!layers[l].getOnHost())
                b.addCores(
                        Core.newBuilder()
                                .setId(id++)
                                .setLayer(l)
                                .setNeuronBegin(0)
                                .setNeuronEnd(layers[l].getSize())
                                .setX(l));
        }
        return b;
    }

    private static ChipProfile graded() {
        return Nets.permissive().toBuilder()
                .setGradedSpikeBits(24)
                .setMeshWidth(8)
                .setMeshHeight(8)
                .build();
    }

    private static InputPayload payload(InputMode mode, int bits) {
        return InputPayload.newBuilder().setMode(mode).setBits(bits).setScale(1).build();
    }

    @Test
    void gradedInputAddsWeightTimesPayloadThenTheExponent() {
        // n0 = (5·100 − 3·(−7) + 2·30) >> 2 = (500 + 21 + 60) >> 2 = 581 >> 2 = 145; n1 = (−4·100 +
        // 0 + 1·30) >> 2 = −370 >> 2 = −93 (floor)
        CompiledNetwork n =
                net(3, graded(), layer("h", -1, 2, 3, 100000, -2, 5, -3, 2, -4, 0, 1).setSource(-1))
                        .setInputPayload(payload(InputMode.INPUT_GRADED, 12))
                        .build();
        Simulator sim = new Simulator(n);
        sim.step(new int[] {0, 1, 2}, new int[] {100, -7, 30}, 3);
        sim.step(new int[0], 0);
        assertArrayEquals(
                new int[] {145 << 6, -93 << 6}, sim.currents(0), "u = a << 6 with du = 4095");
        assertEquals(
                3 * 1 + 2,
                sim.counters().total(EventKind.SYNAPTIC_OP_DENSE),
                "stored synapses met: 3 + 2 (a zero weight is none)");
        assertEquals(
                3,
                sim.counters().total(EventKind.GRADED_MESSAGE),
                "one graded message per input spike and core");
        // A payload past the declared width is refused by name.
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> sim.step(new int[] {0}, new int[] {4096}, 1));
        assertTrue(
                e.getMessage().contains("payload 4096") && e.getMessage().contains("12-bit"),
                e.getMessage());
        // Binary input given payloads other than 1 is refused too.
        Simulator binary = new Simulator(n.toBuilder().clearInputPayload().build());
        assertThrows(
                IllegalArgumentException.class, () -> binary.step(new int[] {0}, new int[] {2}, 1));
    }

    @Test
    void aPayloadWidthThatCouldOverflowTheAccumulatorIsRefusedByName() {
        CompiledNetwork n =
                net(3, graded(), layer("h", -1, 1, 3, 100000, -8, 127, 127, 127))
                        .setInputPayload(payload(InputMode.INPUT_GRADED, 24))
                        .build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Simulator(n));
        assertTrue(
                e.getMessage().contains("32-bit")
                        || e.getMessage().contains("24-bit current register"),
                e.getMessage());
    }

    @Test
    void aGradedNeuronSendsItsPotentialAndASumPoolingLayerPassesTheCount() {
        // 4 inputs -> pooling neuron (weights 2, threshold 1 = 64: any input fires it) -> one
        // neuron with weight 3.
        // Input spikes of 3 of the 4 inputs at step 0: the pool gets a = 6 at step 1, v = 384 > 64,
        // payload 384 >> 6 = 6.
        // The next neuron gets 3 · 6 = 18 at step 2.
        CompiledLayer.Builder pool = layer("pool", -1, 1, 4, 1, 0, 2, 2, 2, 2);
        pool.getNeuronBuilder().setGraded(true);
        CompiledNetwork n = net(4, graded(), pool, layer("next", 0, 1, 1, 100000, 0, 3)).build();
        Simulator sim = new Simulator(n);
        sim.step(new int[] {0, 1, 3}, 3);
        sim.step(new int[0], 0);
        assertTrue(sim.spikes(0)[0]);
        sim.step(new int[0], 0);
        assertEquals(18 << 6, sim.currents(1)[0]);
        assertEquals(
                1,
                sim.counters().total(EventKind.GRADED_MESSAGE),
                "the pool's one spike is a graded message");
    }

    @Test
    void aLayerWithTwoSourcesSumsBothThroughTheSameWeights() {
        // input (2) -> a (2, identity-ish weights, fires on any input) ; b reads [a, input] through
        // weights [[1, 2], [3, 4]]
        CompiledLayer.Builder a = layer("a", -1, 2, 2, 1, 0, 2, 0, 0, 2);
        CompiledLayer.Builder b =
                layer("b", 0, 2, 2, 100000, 0, 1, 2, 3, 4).addSources(0).addSources(-1);
        Simulator sim = new Simulator(net(2, graded(), a, b).build());
        sim.step(new int[] {1}, 1); // input 1 reaches a and b on step 1: b gets column 1 = [2, 4]
        sim.step(new int[0], 0); // a's neuron 1 fires on step 1
        assertArrayEquals(new int[] {2 << 6, 4 << 6}, sim.currents(1));
        sim.step(new int[0], 0); // a's spike of step 1 reaches b on step 2: column 1 again
        assertArrayEquals(new int[] {2 << 6, 4 << 6}, sim.currents(1));
    }

    @Test
    void aHostLayerRunsLikeTheChipButCostsHostMacsAndSendsFromTheHost() {
        CompiledLayer.Builder first =
                layer("first", -1, 2, 3, 1, 0, 3, 0, 1, 0, 2, 2).setOnHost(true);
        CompiledLayer.Builder second = layer("second", 0, 2, 2, 5, 0, 1, 1, 2, -1);
        CompiledNetwork host =
                net(3, graded(), first, second)
                        .setInputPayload(payload(InputMode.INPUT_HOST, 8))
                        .build();
        CompiledNetwork chip =
                net(3, graded(), first.clone().setOnHost(false), second)
                        .setInputPayload(payload(InputMode.INPUT_GRADED, 8))
                        .build();
        Simulator h = new Simulator(host), c = new Simulator(chip);
        int[][] in = {{0, 2}, {1}, {0, 1, 2}, {}, {2}};
        int[][] pay = {{3, 1}, {5}, {1, 2, 1}, {}, {4}};
        for (int t = 0; t < in.length; t++) {
            h.step(in[t], pay[t], in[t].length);
            c.step(in[t], pay[t], in[t].length);
            for (int l = 0; l < 2; l++)
                assertArrayEquals(
                        c.voltages(l),
                        h.voltages(l),
                        "step " + t + " layer " + l + ": the same arithmetic");
        }
        ActivityCounters hc = h.counters(), cc = c.counters();
        assertEquals(1, hc.cores(), "the host layer takes no core");
        long firstOps = cc.synapticOps(0), firstUpdates = cc.neuronUpdates(0);
        assertTrue(firstOps > 0 && firstUpdates > 0);
        assertEquals(
                firstOps + firstUpdates,
                hc.count(EventKind.HOST_MAC, hc.host()),
                "the host pays its layer's ops and updates as MACs");
        assertEquals(
                cc.count(EventKind.MESSAGE_OUT, 0),
                hc.inputMessages(),
                "its spikes go to the chip as the host's messages");
        assertEquals(cc.synapticOps(1), hc.synapticOps(0), "the chip's layer does the same work");
        assertEquals(0, hc.count(EventKind.GRADED_MESSAGE, 0), "the chip receives binary spikes");
    }
}
