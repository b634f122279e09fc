package dev.spikeforge.compiler.mapping;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.MappingReport;
import dev.spikeforge.proto.TrainedNetwork;
import org.junit.jupiter.api.Test;

class PlacementTest {
    /** A 4 x 4 mesh of 4-neuron cores: 8 inputs -> 16 -> 32 -> 16 fills it (4 + 8 + 4 cores). */
    static final ChipProfile MESH =
            Fixtures.tiny()
                    .setCoresPerChip(16)
                    .setMeshWidth(4)
                    .setMeshHeight(4)
                    .setInputAxonsPerCore(32)
                    .setMaxFanIn(32)
                    .setMaxFanOut(32)
                    .setOutputAxonsPerCore(64)
                    .setSynapseMemoryBitsPerCore(1 << 12)
                    .build();

    static final TrainedNetwork NET = Fixtures.chain(8, 16, 32, 16);

    @Test
    void inOrderTrafficIsHandComputable() {
        // 8 -> 4 -> 4 on a 2 x 2 mesh: core 0 at (0,0) takes the host's 8 x 0.1 spikes at 0 hops;
        // core 1 at (1,0)
        // takes core 0's 4 neurons x 0.05 (assumed rates) at 1 hop: 0.2. Nothing can do better.
        CompiledNetwork c = Compiler.compile(Fixtures.chain(8, 4, 4), Fixtures.tiny().build());
        MappingReport m = c.getReport().getMapping();
        assertEquals(0.2, m.getNaiveHopTraffic(), 1e-12);
        assertEquals(0.2, m.getPlacedHopTraffic(), 1e-12);
        assertEquals(1.0, m.getTrafficRatio(), 1e-12);
        assertEquals(0.8, m.getHostSpikesPerStep(), 1e-12);
        assertTrue(m.getRatesSource().contains("assumed"), m.getRatesSource());
    }

    @Test
    void optimizedPlacementLowersHopTrafficAndReportsTheRatio() {
        CompiledNetwork naive =
                Compiler.compile(NET, MESH, CompileOptions.defaults().withOptimizePlacement(false));
        CompiledNetwork placed = Compiler.compile(NET, MESH);
        MappingReport n = naive.getReport().getMapping(), p = placed.getReport().getMapping();
        assertEquals(n.getNaiveHopTraffic(), p.getNaiveHopTraffic(), 1e-9);
        assertEquals(1.0, n.getTrafficRatio(), 1e-12);
        assertTrue(
                p.getPlacedHopTraffic() < 0.95 * p.getNaiveHopTraffic(),
                "placed " + p.getPlacedHopTraffic() + " vs in-order " + p.getNaiveHopTraffic());
        assertEquals(p.getPlacedHopTraffic() / p.getNaiveHopTraffic(), p.getTrafficRatio(), 1e-12);
        // The report agrees with the routing table it was written with.
        double fromRoutes = 0;
        for (int r = 0; r < placed.getRoutesCount(); r++)
            fromRoutes += p.getRouteSpikesPerStep(r) * placed.getRoutes(r).getHops();
        assertEquals(p.getPlacedHopTraffic(), fromRoutes, 1e-9);
        // Same network, only positions differ; every slot used at most once.
        assertEquals(naive.getLayersList(), placed.getLayersList());
        assertEquals(
                16,
                placed.getCoresList().stream()
                        .map(c -> c.getChip() + ":" + c.getX() + "," + c.getY())
                        .distinct()
                        .count());
    }

    @Test
    void placementIsReproducible() {
        assertEquals(
                Compiler.compile(NET, MESH).getCoresList(),
                Compiler.compile(NET, MESH).getCoresList());
    }
}
