package dev.spikeforge.compiler.bench;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.mapping.LayerShape;
import dev.spikeforge.compiler.profile.ChipProfiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompileBenchmarkTest {

    @Test
    void theSyntheticNetworkHasTheRequestedSize() {
        List<LayerShape> shapes = SyntheticNetwork.build(10_000, 1_000_000, 10, 8, 1);
        assertEquals(10, shapes.size());
        assertEquals(10_000, shapes.stream().mapToInt(LayerShape::size).sum());
        assertEquals(1_000_000, SyntheticNetwork.synapses(shapes), 10_000);
        var c = shapes.get(3).connectivity();
        for (int n = 1; n < 1000; n++) {
            assertTrue(
                    c.spanBegin(n) >= c.spanBegin(n - 1) && c.spanEnd(n) >= c.spanEnd(n - 1),
                    "spans are monotone");
            assertTrue(c.synapses(n) <= c.spanEnd(n) - c.spanBegin(n));
        }
    }

    @Test
    void tenThousandNeuronsMapOntoLoihi2() {
        // ~100 synapses of 8 + 8 bits a neuron: 1 Mbit holds ~655, so each 1000-neuron layer takes
        // 2 cores.
        CompileBenchmark.Result r =
                CompileBenchmark.run(ChipProfiles.load("loihi2"), 10_000, 1_000_000, 10, true, 1);
        assertTrue(r.violations().isEmpty(), r.violations().toString());
        assertEquals(20, r.cores());
        assertEquals(1, r.chips());
        assertTrue(r.routes() >= 19, "host to layer 0, then every layer from the one before");
        assertTrue(r.placedHopTraffic() <= r.naiveHopTraffic());
        assertTrue(r.peakHeapBytes() > 0);
    }

    @Test
    void moreCoresThanTheBoardHoldsGetMoreChipsOrAViolation() {
        // 40 k neurons of ~250 synapses x 16 bits: ~260 per 1 Mbit core, ~155 cores > the 128 of
        // one chip.
        var oneChip =
                ChipProfiles.load("loihi2").toBuilder()
                        .setChips(1)
                        .setChipsX(1)
                        .setChipsY(1)
                        .build();
        CompileBenchmark.Result fixed =
                CompileBenchmark.run(oneChip, 40_000, 10_000_000L, 10, false, 1);
        assertEquals(
                List.of("cores"), fixed.violations().stream().map(v -> v.constraint()).toList());
        CompileBenchmark.Result auto =
                CompileBenchmark.run(oneChip, 40_000, 10_000_000L, 10, true, 1);
        assertTrue(auto.violations().isEmpty());
        assertEquals(2, auto.chips());
    }
}
