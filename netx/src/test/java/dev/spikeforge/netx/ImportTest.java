package dev.spikeforge.netx;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.netx.format.IntTensor;
import dev.spikeforge.netx.format.NetxLayer;
import dev.spikeforge.netx.format.NetxNetwork;
import dev.spikeforge.netx.format.NetxNeuron;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * netx files without Spikeforge's record, as lava-dl writes them: what imports, as what, and what
 * is refused by name.
 */
class ImportTest {
    private static final NetxNeuron CUBA = NetxNeuron.cuba(1024, 256, 40);

    private static NetxImporter.Options options() {
        return new NetxImporter.Options("t", null, Nets.loihi2(), 0, false, 1);
    }

    private static CompiledNetwork imported(NetxLayer... layers) {
        return NetxImporter.convert(new NetxNetwork(List.of(layers), 20, null), "t.net", options())
                .network();
    }

    private static List<String> refused(NetxLayer... layers) {
        return assertThrows(
                        NetxException.class,
                        () ->
                                NetxImporter.convert(
                                        new NetxNetwork(List.of(layers), 20, null),
                                        "t.net",
                                        options()))
                .problems();
    }

    private static IntTensor weights(int rows, int cols, long seed, int range) {
        java.util.Random r = new java.util.Random(seed);
        int[] w = new int[rows * cols];
        for (int i = 0; i < w.length; i++) w[i] = (r.nextInt(2 * range + 1) - range) * 2;
        return IntTensor.matrix(rows, cols, w);
    }

    private static NetxLayer.Dense dense(int size, int fanIn, NetxNeuron n, long seed) {
        return new NetxLayer.Dense(
                new int[] {size}, n, weights(size, fanIn, seed, 100), null, null, null);
    }

    @Test
    void aLavaDlStyleDenseNetworkImportsWithTheWeightsLavaHolds() {
        NetxLayer.Dense out =
                new NetxLayer.Dense(
                        new int[] {4},
                        NetxNeuron.cuba(4096, 0, 131071),
                        weights(4, 10, 3, 100),
                        null,
                        IntTensor.vector(new int[] {0, 3, -3, 4095}),
                        null);
        CompiledNetwork c =
                imported(
                        new NetxLayer.Input(new int[] {1, 4, 5}, null),
                        dense(10, 20, CUBA, 1),
                        out);
        assertEquals(20, c.getInputSize());
        CompiledLayer h = c.getLayers(0);
        assertEquals("layer0", h.getName());
        assertEquals(1023, h.getNeuron().getDu());
        assertEquals(256, h.getNeuron().getDv());
        assertEquals(40, h.getNeuron().getVthMant());
        assertFalse(h.getNeuron().getReadout());
        assertEquals(1, h.getWeightExp(), "even weights: mantissa W / 2, exponent 1");
        CompiledLayer o = c.getLayers(1);
        assertFalse(
                o.getNeuron().getReadout(), "vThMant 131071 still spikes (v can reach 2^23 - 1)");
        assertEquals(List.of(0, 3, -3, 4095), o.getBiasMantList());
        assertEquals(6, o.getBiasExp(), "Lava adds bias << 6");
    }

    @Test
    void aLastLayerThatNeverSpikesIsTheReadout() {
        CompiledNetwork c =
                imported(dense(5, 8, CUBA, 1), dense(3, 5, NetxNeuron.cuba(4096, 100, 1 << 17), 2));
        assertTrue(c.getLayers(1).getNeuron().getReadout());
        assertEquals(8, c.getInputSize(), "no input layer: the first dense layer's columns");
        List<String> p =
                refused(dense(5, 8, NetxNeuron.cuba(4096, 100, 1 << 17), 1), dense(3, 5, CUBA, 2));
        assertTrue(
                p.get(0).startsWith("layer 0 (dense) neuron/vThMant 131072: never spikes"),
                p.toString());
    }

    @Test
    void neuronsSpikeforgeDoesNotRun() {
        assertTrue(
                refused(dense(5, 8, null, 1))
                        .get(0)
                        .startsWith(
                                "layer 0 (dense) neuron: is absent: netx's default is a non-leaky"
                                        + " integrator (iDecay 0"));
        NetxNeuron sdnn = new NetxNeuron("SDNN", 0, 0, 0, OptionalInt.empty(), OptionalInt.empty());
        assertTrue(
                refused(dense(5, 8, sdnn, 1))
                        .get(0)
                        .startsWith(
                                "layer 0 (dense) neuron/type 'SDNN': Lava builds it as another"
                                        + " process"));
        NetxNeuron graded =
                new NetxNeuron("CUBA", 4096, 0, 10, OptionalInt.of(1), OptionalInt.of(16));
        assertTrue(
                refused(dense(5, 8, graded, 1))
                        .get(0)
                        .startsWith("layer 0 (dense) neuron/messageBits 16: graded spikes"));
        assertTrue(
                refused(dense(5, 8, NetxNeuron.cuba(0, 0, 10), 1))
                        .get(0)
                        .startsWith("layer 0 (dense) neuron/iDecay 0: must be 1..4096"));
        assertTrue(
                refused(dense(5, 8, NetxNeuron.cuba(1, 4096, 10), 1))
                        .get(0)
                        .startsWith("layer 0 (dense) neuron/vDecay 4096: must be 0..4095"));
    }

    @Test
    void layerTypesLavaCannotBuild() {
        List<String> p =
                refused(
                        new NetxLayer.Input(new int[] {8}, null),
                        dense(5, 8, CUBA, 1),
                        new NetxLayer.Other("pool", new int[] {5}),
                        new NetxLayer.Other("concat", new int[] {5}));
        assertEquals(2, p.size(), p.toString());
        assertTrue(
                p.get(0)
                        .startsWith(
                                "layer 2 (pool) type 'pool': Lava's netx.hdf5.Network cannot build"
                                        + " it (NotImplementedError)"),
                p.get(0));
        assertTrue(p.get(1).startsWith("layer 3 (concat) type 'concat'"), p.get(1));
    }

    @Test
    void aDenseLayerReadingAConvMapNeedsAFlatten() {
        NetxLayer.Conv conv =
                new NetxLayer.Conv(
                        new int[] {2, 2, 2},
                        CUBA,
                        new IntTensor(new int[] {2, 1, 3, 3}, new int[18]),
                        new int[] {1, 1},
                        new int[] {0, 0},
                        new int[] {1, 1},
                        1,
                        null);
        int[] k = new int[18];
        Arrays.fill(k, 2);
        conv =
                new NetxLayer.Conv(
                        conv.shape(),
                        CUBA,
                        new IntTensor(conv.weight().shape(), k),
                        conv.stride(),
                        conv.padding(),
                        conv.dilation(),
                        1,
                        null);
        List<String> p =
                refused(new NetxLayer.Input(new int[] {1, 4, 4}, null), conv, dense(3, 8, CUBA, 1));
        assertTrue(
                p.get(0)
                        .startsWith(
                                "layer 2 (dense) type: reads a conv map without a flatten layer"),
                p.toString());
        CompiledNetwork c =
                imported(
                        new NetxLayer.Input(new int[] {1, 4, 4}, null),
                        conv,
                        new NetxLayer.Flatten(new int[] {8}),
                        dense(3, 8, CUBA, 1));
        assertEquals(8, c.getLayers(1).getFanIn());
        assertEquals(8, c.getLayers(0).getSize());
    }

    @Test
    void delaysBecomeTheLayersAxonDelayWhenUniform() {
        NetxLayer.Dense d = dense(5, 8, CUBA, 1);
        int[] five = new int[5];
        Arrays.fill(five, 3);
        NetxImporter.Result r =
                NetxImporter.convert(
                        new NetxNetwork(
                                List.of(
                                        new NetxLayer.Dense(
                                                d.shape(),
                                                CUBA,
                                                d.weight(),
                                                null,
                                                null,
                                                IntTensor.vector(five))),
                                20,
                                null),
                        "t.net",
                        options());
        assertEquals(3, r.network().getLayers(0).getAxonDelay());
        assertEquals(
                3,
                r.network().getProfile().getMaxAxonDelay(),
                "the profile copy allows the file's delays");
        assertTrue(
                r.notes().stream()
                        .anyMatch(
                                n ->
                                        n.startsWith(
                                                "delays up to 3 steps: profile 'loihi2' declares"
                                                        + " 0")),
                r.notes().toString());
        five[2] = 4;
        List<String> p =
                refused(
                        new NetxLayer.Dense(
                                d.shape(), CUBA, d.weight(), null, null, IntTensor.vector(five)));
        assertTrue(
                p.get(0)
                        .startsWith(
                                "layer 0 (dense) delay: synapses have delays 3 and 4; Spikeforge"
                                        + " has one axon delay per layer"),
                p.toString());
        List<String> rec =
                refused(
                        new NetxLayer.Dense(
                                d.shape(),
                                CUBA,
                                d.weight(),
                                weights(5, 5, 9, 50),
                                null,
                                IntTensor.vector(new int[] {1})));
        assertTrue(
                rec.get(0)
                        .startsWith(
                                "layer 0 (dense_rec) delay: Lava's delayed recurrent block drops"
                                        + " the weight exponent"),
                rec.toString());
    }

    @Test
    void weightsLavaChangesAreImportedAsLavaHoldsThem() {
        NetxImporter.Result r =
                NetxImporter.convert(
                        new NetxNetwork(
                                List.of(
                                        new NetxLayer.Dense(
                                                new int[] {2},
                                                CUBA,
                                                IntTensor.matrix(2, 2, new int[] {300, -2, 4, 0}),
                                                null,
                                                null,
                                                null)),
                                20,
                                null),
                        "t.net",
                        options());
        CompiledLayer l = r.network().getLayers(0);
        assertEquals(
                List.of(127, -1, 2, 0),
                l.getWeightsList(),
                "netx clips 300 to 254 (mixed signs); mantissas 254 / 2 ...");
        assertEquals(1, l.getWeightExp());
        assertEquals(8, l.getWeightBits());
        assertTrue(
                r.notes().stream()
                        .anyMatch(
                                n ->
                                        n.startsWith(
                                                "layer 0 (dense): Lava holds 1 of 4 weights"
                                                        + " differently from the file")),
                r.notes().toString());
        List<String> p =
                refused(
                        new NetxLayer.Dense(
                                new int[] {2},
                                CUBA,
                                IntTensor.matrix(2, 2, new int[] {255, -1, 3, 0}),
                                null,
                                null,
                                null));
        assertTrue(
                p.get(0).startsWith("layer 0 (dense) weight: needs mantissas wider than 8 bits"),
                p.toString());
    }
}
