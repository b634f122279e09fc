package dev.spikeforge.compiler.mapping;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.Route;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A network too big for one tiny chip: split over several, every neuron and synapse on exactly one
 * core.
 */
class MultiChipTest {
    /** 8 -> 8 -> 8 -> 8 -> 4: 2 + 2 + 2 + 1 = 7 cores of 4 neurons, more than the 4 of one chip. */
    static final TrainedNetwork NET = Fixtures.chain(8, 8, 8, 8, 4);

    static final ChipProfile BOARD = Fixtures.tiny().setChips(4).setChipsX(2).setChipsY(2).build();

    @Test
    void everySynapseIsStoredOnceAndReachedByOneRoute() {
        CompiledNetwork c = Compiler.compile(NET, BOARD);
        assertEquals(7, c.getCoresCount());
        assertEquals(2, c.getReport().getChipsUsed());
        long storedOnCores = 0, inWeights = 0;
        for (int l = 0; l < c.getLayersCount(); l++) {
            CompiledLayer layer = c.getLayers(l);
            int[] owner = owners(c.getCoresList(), l, layer.getSize());
            for (int n = 0; n < layer.getSize(); n++) {
                for (int i = 0; i < layer.getFanIn(); i++)
                    if (layer.getWeights(n * layer.getFanIn() + i) != 0) inWeights++;
            }
            for (Core core : c.getCoresList()) {
                if (core.getLayer() != l) continue;
                for (int n = core.getNeuronBegin(); n < core.getNeuronEnd(); n++) {
                    for (int i = 0; i < layer.getFanIn(); i++)
                        if (layer.getWeights(n * layer.getFanIn() + i) != 0) storedOnCores++;
                }
            }
            // Every synapse i -> n of a hidden layer travels on the route from i's core to n's
            // core, and that route is unique.
            if (l == 0) continue;
            int[] sourceOwner = owners(c.getCoresList(), l - 1, c.getLayers(l - 1).getSize());
            for (int n = 0; n < layer.getSize(); n++) {
                for (int i = 0; i < layer.getFanIn(); i++) {
                    int src = sourceOwner[i], dst = owner[n];
                    assertEquals(
                            1,
                            c.getRoutesList().stream()
                                    .filter(r -> r.getSrcCore() == src && r.getDstCore() == dst)
                                    .count(),
                            "route " + src + " -> " + dst);
                }
            }
        }
        assertEquals(inWeights, storedOnCores);
        Set<List<Integer>> pairs = new HashSet<>();
        for (Route r : c.getRoutesList())
            assertTrue(pairs.add(List.of(r.getSrcCore(), r.getDstCore())), "duplicate route " + r);
        // A route between chips pays the crossing: at least chipCrossingHops more than on one chip.
        for (Route r : c.getRoutesList()) {
            if (r.getSrcCore() < 0) continue;
            Core a = c.getCores(r.getSrcCore()), b = c.getCores(r.getDstCore());
            if (a.getChip() != b.getChip())
                assertTrue(r.getHops() >= Mesh.DEFAULT_CHIP_CROSSING_HOPS, r.toString());
        }
    }

    @Test
    void theSplitNetworkSpikesExactlyLikeTheOneOnABigChip() {
        CompiledNetwork split = Compiler.compile(NET, BOARD);
        CompiledNetwork whole =
                Compiler.compile(
                        NET,
                        Fixtures.tiny()
                                .setNeuronsPerCore(64)
                                .setSynapseMemoryBitsPerCore(1 << 20)
                                .build());
        assertEquals(4, whole.getCoresCount());
        assertEquals(
                whole.getLayersList(),
                split.getLayersList(),
                "quantization does not depend on the mapping");
        try (Simulator a = new Simulator(split);
                Simulator b = new Simulator(whole)) {
            Random r = new Random(3);
            int[] in = new int[8];
            int[] outA = new int[8], outB = new int[8];
            long spikes = 0;
            for (int t = 0; t < 40; t++) {
                int k = 0;
                for (int i = 0; i < 8; i++) if (r.nextDouble() < 0.5) in[k++] = i;
                a.step(in, k);
                b.step(in, k);
                for (int l = 0; l < a.layerCount(); l++) {
                    int na = a.spikedNeurons(l, outA), nb = b.spikedNeurons(l, outB);
                    assertEquals(nb, na, "layer " + l + " step " + t);
                    for (int j = 0; j < na; j++) assertEquals(outB[j], outA[j]);
                    spikes += na;
                }
            }
            assertTrue(spikes > 0, "the network must be active");
            assertEquals(
                    b.counters().copy().totalSynapticOps(),
                    a.counters().copy().totalSynapticOps(),
                    "same synaptic work, split or not");
        }
    }

    static int[] owners(List<Core> cores, int layer, int size) {
        int[] owner = new int[size];
        java.util.Arrays.fill(owner, -1);
        for (Core core : cores) {
            if (core.getLayer() != layer) continue;
            for (int n = core.getNeuronBegin(); n < core.getNeuronEnd(); n++) {
                assertEquals(-1, owner[n], "neuron " + n + " of layer " + layer + " on two cores");
                owner[n] = core.getId();
            }
        }
        for (int n = 0; n < size; n++)
            assertTrue(owner[n] >= 0, "neuron " + n + " of layer " + layer + " on no core");
        return owner;
    }
}
