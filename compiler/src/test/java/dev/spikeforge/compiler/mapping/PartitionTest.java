package dev.spikeforge.compiler.mapping;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionTest {

    @Test
    void a784To200LayerNeedsTwoLoihiCoresBecauseOfSynapseMemory() {
        // 784 inputs x 8 bits = 6272 bits per neuron; 1 048 576 / 6272 = 167.2, so 167 neurons per
        // core and
        // 200 neurons need 2 cores (200 x 6272 = 1 254 400 bits > 1 Mbit), balanced 100 + 100.
        CompiledNetwork c = Compiler.compile(Fixtures.chain(784, 200), ChipProfiles.loadDefault());
        assertEquals(2, c.getCoresCount());
        assertEquals(List.of(0, 100), c.getCoresList().stream().map(Core::getNeuronBegin).toList());
        assertEquals(List.of(100, 200), c.getCoresList().stream().map(Core::getNeuronEnd).toList());
        for (Core core : c.getCoresList()) {
            assertEquals(100L * 784 * 8, core.getSynapseBits());
            assertEquals(784, core.getInputAxons());
        }
        assertEquals(2, c.getReport().getCoresUsed());
        assertEquals(1, c.getReport().getChipsUsed());
        assertEquals(200 / (2.0 * 1024), c.getReport().getNeuronUtilization(), 1e-12);
        assertEquals(
                200.0 * 784 * 8 / (2.0 * 1048576), c.getReport().getSynapseUtilization(), 1e-12);
    }

    @Test
    void everyNeuronOfEveryLayerIsOnExactlyOneCore() {
        ChipProfile p = Fixtures.tiny().setChips(4).build();
        CompiledNetwork c = Compiler.compile(Fixtures.chain(8, 7, 5, 3), p);
        int[] sizes = {7, 5, 3};
        for (int l = 0; l < sizes.length; l++) {
            int[] owners = new int[sizes[l]];
            for (Core core : c.getCoresList()) {
                if (core.getLayer() != l) continue;
                assertTrue(core.getNeuronEnd() - core.getNeuronBegin() <= p.getNeuronsPerCore());
                assertTrue(core.getSynapseBits() <= p.getSynapseMemoryBitsPerCore());
                for (int n = core.getNeuronBegin(); n < core.getNeuronEnd(); n++) owners[n]++;
            }
            for (int n = 0; n < sizes[l]; n++)
                assertEquals(1, owners[n], "layer " + l + " neuron " + n);
        }
    }

    @Test
    void balancedSplitDiffersByAtMostOneNeuron() {
        assertEquals(
                List.of(new NeuronRange(0, 4), new NeuronRange(4, 7), new NeuronRange(7, 10)),
                Partitioner.split(10, 3));
    }

    @Test
    void coresFillTheMeshAlongXThenSpillToTheNextChip() {
        // 8 -> 20 on the tiny chip: 4 neurons per core, so 5 cores; 4 per chip, the fifth on chip
        // 1.
        ChipProfile p = Fixtures.tiny().setChips(2).build();
        CompiledNetwork c = Compiler.compile(Fixtures.chain(8, 20), p);
        assertEquals(5, c.getCoresCount());
        int[][] expected = {{0, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 1}, {1, 0, 0}}; // chip, x, y
        for (int i = 0; i < 5; i++) {
            Core core = c.getCores(i);
            assertEquals(i, core.getId());
            assertArrayEquals(
                    expected[i], new int[] {core.getChip(), core.getX(), core.getY()}, "core " + i);
        }
        assertEquals(2, c.getReport().getChipsUsed());
        // Host input enters at chip 0 (0,0). Core 3 at (1,1): 2 hops. Core 4 at chip 1 (0,0): board
        // x = 2, plus
        // the chip-crossing penalty.
        List<Route> routes = c.getRoutesList();
        assertEquals(5, routes.size());
        assertTrue(routes.stream().allMatch(r -> r.getSrcCore() == -1));
        assertEquals(
                List.of(0, 1, 1, 2, 2 + Mesh.DEFAULT_CHIP_CROSSING_HOPS),
                routes.stream().map(Route::getHops).toList());
    }

    @Test
    void everyCoreOfALayerHasARouteFromEveryCoreOfItsSource() {
        ChipProfile p = Fixtures.tiny().setChips(2).build();
        CompiledNetwork c =
                Compiler.compile(
                        Fixtures.chain(8, 8, 6), p); // layer 0: cores 0,1; layer 1: cores 2,3
        List<Route> routes = c.getRoutesList();
        assertEquals(2 + 4, routes.size());
        Route r =
                routes.stream()
                        .filter(x -> x.getSrcCore() == 0 && x.getDstCore() == 3)
                        .findFirst()
                        .orElseThrow();
        assertEquals(2, r.getHops()); // (0,0) -> (1,1)
        Route r2 =
                routes.stream()
                        .filter(x -> x.getSrcCore() == 1 && x.getDstCore() == 2)
                        .findFirst()
                        .orElseThrow();
        assertEquals(2, r2.getHops()); // (1,0) -> (0,1)
    }

    @Test
    void meshHopsCountBoardDistanceAndChipCrossings() {
        Mesh m = new Mesh(128, 8, 16, 4, 5, 1, 1);
        assertEquals(3 + 4, m.hops(0, 1, 2, 0, 4, 6));
        // chip 0 x=7 to chip 1 x=0: one board step plus one crossing
        assertEquals(1 + 5, m.hops(0, 7, 0, 1, 0, 0));
        assertEquals(8 * 2 + 2 * 5, m.hops(0, 0, 0, 2, 0, 0));
    }

    @Test
    void meshHopsCountTilesWhenCoresShareARouter() {
        // Loihi: tiles of 1 x 4 cores on the 8 x 16 core mesh, i.e. an 8 x 4 tile mesh.
        Mesh m = new Mesh(128, 8, 16, 4, 5, 1, 4);
        assertEquals(0, m.hops(0, 2, 0, 0, 2, 3), "same tile (2, 0)");
        assertEquals(3 + 1, m.hops(0, 1, 2, 0, 4, 6), "tile (1, 0) to tile (4, 1)");
        // chip 0's last tile row is y = 3; chip 1 (to the east) starts at board tile x = 8
        assertEquals(1 + 5, m.hops(0, 7, 12, 1, 0, 15));
    }

    @Test
    void outputAxonsLimitNeuronsPerCoreWhenTheNextLayerIsSpread() {
        // Next layer on 3 cores and 8 output axons: 8 / 3 = 2 neurons per core for the source
        // layer.
        ChipProfile p = Fixtures.tiny().setChips(4).setMaxFanOut(12).build();
        CompiledNetwork c = Compiler.compile(Fixtures.chain(8, 8, 12), p);
        long layer0Cores = c.getCoresList().stream().filter(x -> x.getLayer() == 0).count();
        long layer1Cores = c.getCoresList().stream().filter(x -> x.getLayer() == 1).count();
        assertEquals(3, layer1Cores);
        assertEquals(4, layer0Cores);
    }
}
