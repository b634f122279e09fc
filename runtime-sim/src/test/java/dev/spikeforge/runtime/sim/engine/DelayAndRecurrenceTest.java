package dev.spikeforge.runtime.sim.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.*;
import dev.spikeforge.runtime.sim.testing.Nets;
import org.junit.jupiter.api.Test;

/** Axonal delays and recurrent connections, traced by hand. */
class DelayAndRecurrenceTest {

    private static FixedLifParams.Builder fireOnAnyInput() {
        return FixedLifParams.newBuilder().setDu(4095).setDv(4095).setVthMant(1);
    }

    @Test
    void axonalDelayAddsStepsOnTopOfTheOneStepDelay() {
        // input at 0 -> a fires at 1 -> b (axon_delay 2) receives at 1 + 1 + 2 = 4 and fires then
        CompiledNetwork net =
                Nets.onCores(
                                CompiledNetwork.newBuilder()
                                        .setName("delay")
                                        .setInputSize(1)
                                        .setProfile(Nets.permissive())
                                        .addLayers(
                                                CompiledLayer.newBuilder()
                                                        .setName("a")
                                                        .setSize(1)
                                                        .setSource(-1)
                                                        .setFanIn(1)
                                                        .setWeightBits(8)
                                                        .addWeights(100)
                                                        .setNeuron(fireOnAnyInput()))
                                        .addLayers(
                                                CompiledLayer.newBuilder()
                                                        .setName("b")
                                                        .setSize(1)
                                                        .setSource(0)
                                                        .setFanIn(1)
                                                        .setWeightBits(8)
                                                        .addWeights(100)
                                                        .setAxonDelay(2)
                                                        .setNeuron(fireOnAnyInput())))
                        .build();
        Simulator sim = new Simulator(net);
        int[] a = new int[7], b = new int[7];
        for (int t = 0; t < 7; t++) {
            int[] in = t == 0 ? new int[] {0} : new int[0];
            b[t] = sim.step(in, in.length).spikeCount();
            a[t] = sim.spikes(0)[0] ? 1 : 0;
        }
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 0, 0}, a);
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 0, 0}, b);
    }

    @Test
    void recurrentConnectionsFeedALayerItsOwnSpikesOneStepLater() {
        // n0 <- input; n1 <- n0 (recurrent), n0 <- n1 (recurrent): one input spike starts a
        // ping-pong
        CompiledLayer l =
                CompiledLayer.newBuilder()
                        .setName("loop")
                        .setSize(2)
                        .setSource(-1)
                        .setFanIn(1)
                        .setWeightBits(8)
                        .addWeights(100)
                        .addWeights(0)
                        .addRecurrentWeights(0)
                        .addRecurrentWeights(100) // row n0: from n0 = 0, from n1 = 100
                        .addRecurrentWeights(100)
                        .addRecurrentWeights(0) // row n1: from n0 = 100, from n1 = 0
                        .setNeuron(fireOnAnyInput())
                        .build();
        CompiledNetwork net =
                Nets.onCores(
                                CompiledNetwork.newBuilder()
                                        .setName("rec")
                                        .setInputSize(1)
                                        .setProfile(Nets.permissive())
                                        .addLayers(l))
                        .build();
        Simulator sim = new Simulator(net);
        StringBuilder fired = new StringBuilder();
        for (int t = 0; t < 7; t++) {
            int[] in = t == 0 ? new int[] {0} : new int[0];
            StepOutput o = sim.step(in, in.length);
            fired.append(o.spikeCount() == 0 ? "-" : "n" + o.spike(0)).append(' ');
        }
        assertEquals("- n0 n1 n0 n1 n0 n1 ", fired.toString());
        // two synaptic ops per step after the first: 1 input op + 6 recurrent ops, all on one core
        assertEquals(1 + 6, sim.counters().totalSynapticOps());
    }

    @Test
    void sparseWeightsAreCheckedAndNamedWhenWrong() {
        SparseWeights bad =
                SparseWeights.newBuilder()
                        .addSourceStart(0)
                        .addSourceStart(2)
                        .addTarget(0)
                        .addTarget(5)
                        .addWeight(1)
                        .addWeight(1)
                        .build();
        CompiledNetwork net =
                Nets.onCores(
                                CompiledNetwork.newBuilder()
                                        .setName("s")
                                        .setInputSize(1)
                                        .setProfile(Nets.permissive())
                                        .addLayers(
                                                CompiledLayer.newBuilder()
                                                        .setName("h")
                                                        .setSize(3)
                                                        .setSource(-1)
                                                        .setFanIn(1)
                                                        .setWeightBits(16)
                                                        .setSparseWeights(bad)
                                                        .setNeuron(fireOnAnyInput())))
                        .build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Simulator(net));
        assertTrue(
                e.getMessage().contains("'h'")
                        && e.getMessage()
                                .contains("sparse_weights.target[1] is 5 (source 0), outside 0..2"),
                e.getMessage());
        SparseWeights twice =
                SparseWeights.newBuilder()
                        .addSourceStart(0)
                        .addSourceStart(2)
                        .addTarget(1)
                        .addTarget(1)
                        .addWeight(1)
                        .addWeight(1)
                        .build();
        IllegalArgumentException d =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new Simulator(
                                        net.toBuilder()
                                                .setLayers(
                                                        0,
                                                        net.getLayers(0).toBuilder()
                                                                .setSparseWeights(twice))
                                                .build()));
        assertTrue(d.getMessage().contains("connects to neuron 1 twice"), d.getMessage());
        IllegalArgumentException big =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new Simulator(
                                        net.toBuilder()
                                                .setLayers(
                                                        0,
                                                        net.getLayers(0).toBuilder()
                                                                .clearSparseWeights()
                                                                .addWeights(200)
                                                                .addWeights(0)
                                                                .addWeights(0))
                                                .build()));
        // 16-bit weights are a valid artifact; the simulator itself stores 8 bits and says so
        assertTrue(
                big.getMessage().contains("weight 200") && big.getMessage().contains("8-bit"),
                big.getMessage());
        IllegalArgumentException wide =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new Simulator(
                                        net.toBuilder()
                                                .setLayers(
                                                        0,
                                                        net.getLayers(0).toBuilder()
                                                                .setWeightBits(8)
                                                                .clearSparseWeights()
                                                                .addWeights(200)
                                                                .addWeights(0)
                                                                .addWeights(0))
                                                .build()));
        assertTrue(
                wide.getMessage().contains("layer 0 'h' weights[0] is 200, outside -127..127"),
                wide.getMessage());
    }
}
