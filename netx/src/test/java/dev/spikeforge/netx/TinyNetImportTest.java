package dev.spikeforge.netx;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.netx.hdf5.NetxReader;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lava-dl's tiny.net (two stride-2 conv layers): imported, its first conv layer's synaptic input on
 * the simulator equals lava-dl's recorded current (gts/tinynet/current.npy) for the recorded input
 * spikes, step for step. That checks the conv import against data Lava's side produced: kernel
 * orientation, stride, channel order.
 */
class TinyNetImportTest {
    private static NetxImporter.Options skipping() {
        return new NetxImporter.Options("tiny", null, Nets.loihi2(), 0, true, 1);
    }

    @Test
    void theInputNeuronsNeedTheSkipFlag() {
        NetxException e =
                assertThrows(
                        NetxException.class,
                        () ->
                                NetxImporter.convert(
                                        NetxReader.read(TestFiles.lavaDl("tiny.net")).network(),
                                        "tiny.net",
                                        new NetxImporter.Options(
                                                "tiny", null, Nets.loihi2(), 0, false, 1)));
        assertTrue(
                e.getMessage()
                        .contains(
                                "layer 0 (input) neuron: an input layer with neurons is driven by"
                                        + " graded values"),
                e.getMessage());
    }

    @Test
    void theConvLayersImportWithLavasNumbers() {
        NetxImporter.Result r =
                NetxImporter.convert(
                        NetxReader.read(TestFiles.lavaDl("tiny.net")).network(),
                        "tiny.net",
                        skipping());
        CompiledNetwork c = r.network();
        assertEquals(768, c.getInputSize());
        assertEquals(List.of(3, 16, 16), c.getInput().getShapeList());
        assertEquals(64, c.getInput().getSteps(), "simulation/tSample");
        assertEquals(2, c.getLayersCount());
        CompiledLayer l1 = c.getLayers(0), l2 = c.getLayers(1);
        assertEquals(24 * 6 * 6, l1.getSize());
        assertEquals(768, l1.getFanIn());
        assertEquals(36, l2.getSize());
        assertEquals(864, l2.getFanIn());
        assertEquals(4095, l1.getNeuron().getDu(), "iDecay 4096 - 1");
        assertEquals(1024, l1.getNeuron().getDv());
        assertEquals(25, l1.getNeuron().getVthMant());
        // kernel values are even: the common 2 goes into the exponent, mantissas w = W / 2
        assertEquals(1, l1.getWeightExp());
        assertEquals(6, l1.getBiasExp());
        assertEquals(-42, l1.getBiasMant(36), "channel 1's bias on its first position");
        assertEquals(24 * 3 * 5 * 5, l1.getWeightParameters());
        assertTrue(
                r.notes().stream()
                        .anyMatch(
                                n ->
                                        n.contains(
                                                "[3, 16, 16] -> [24, 6, 6], kernel 5x5, stride [2,"
                                                        + " 2]")),
                r.notes().toString());
        assertTrue(c.getCoresCount() >= 2);
    }

    @Test
    void theFirstConvLayersInputEqualsLavaDlsRecordedCurrent() throws Exception {
        CompiledNetwork c =
                NetxImporter.convert(
                                NetxReader.read(TestFiles.lavaDl("tiny.net")).network(),
                                "tiny.net",
                                skipping())
                        .network();
        TestFiles.Npy in =
                TestFiles.npy(TestFiles.lavaDl("tinynet_input.npy")); // [1, 3, 16, 16, 16 steps]
        TestFiles.Npy cur =
                TestFiles.npy(TestFiles.lavaDl("tinynet_current.npy")); // [1, 24, 6, 6, 16 steps]
        int steps = 16, inputs = 768, size = 864;
        long compared = 0, nonzero = 0;
        try (Simulator sim = new Simulator(c)) {
            for (int t = 0; t <= steps; t++) {
                List<Integer> spikes = new ArrayList<>();
                for (int i = 0; t < steps && i < inputs; i++)
                    if (in.values()[i * steps + t] != 0) spikes.add(i);
                sim.step(spikes.stream().mapToInt(Integer::intValue).toArray(), spikes.size());
                if (t == 0) continue;
                // iDecay 4096: no current memory, so u is exactly this step's input << 6, the sum
                // of step t - 1's spikes
                int[] u = sim.currents(0);
                for (int n = 0; n < size; n++) {
                    assertEquals(
                            (long) cur.values()[n * steps + t - 1] * 64,
                            u[n],
                            "neuron " + n + " at step " + t);
                    compared++;
                    if (u[n] != 0) nonzero++;
                }
            }
        }
        assertEquals(16L * 864, compared);
        assertTrue(nonzero > 10000, "the comparison is not trivially zero: " + nonzero);
    }
}
