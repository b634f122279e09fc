package dev.spikeforge.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.constraint.CompilationException;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.layers.InvalidNetworkException;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.compiler.validate.FloatReference;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Route;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RECURRENT_LIF layers: one scale for both weight sets, own-layer axons and routes, and the
 * simulator agreeing.
 */
class RecurrentTest {

    @Test
    void feedForwardAndRecurrentWeightsShareOneScale() {
        // max |W|, |W_rec| = 1, so k = 127: 0.5 -> 63.5 -> 64, -0.25 -> -32, 0.25 -> 32, 0.125 ->
        // 15.9 -> 16; 1 -> 127, -0.5 -> -64.
        TrainedNetwork net =
                Fixtures.network(
                        2,
                        10,
                        Fixtures.recurrent(
                                "r",
                                2,
                                2,
                                new float[] {0.5f, -0.25f, 0.25f, 0.125f},
                                new float[] {0f, 1f, -0.5f, 0f},
                                1f));
        CompiledLayer c = Compiler.compile(net, ChipProfiles.loadDefault()).getLayers(0);
        assertEquals(Arrays.asList(64, -32, 32, 16), c.getWeightsList());
        assertEquals(Arrays.asList(0, 127, -64, 0), c.getRecurrentWeightsList());
        // theta * k = 127: 127 * 2^3 = 1016 < 1024, so e = 4 and vth = 2032.
        assertEquals(4, c.getWeightExp());
        assertEquals(2032, c.getNeuron().getVthMant());
    }

    @Test
    void aRecurrentLayerReceivesItsOwnNeuronsOnEveryCore() {
        // 8 inputs + 4 own neurons = 12 inputs and axons (one neuron's 12 x 8 bits still fit the
        // 256).
        TrainedNetwork net =
                Fixtures.network(
                        8,
                        10,
                        Fixtures.recurrent(
                                "r", 4, 8, Fixtures.random(32, 1), Fixtures.random(16, 2), 1f));
        CompilationException e =
                assertThrows(
                        CompilationException.class,
                        () -> Compiler.compile(net, Fixtures.tiny().build()));
        assertEquals(
                List.of(ConstraintViolation.FAN_IN, ConstraintViolation.INPUT_AXONS),
                e.violations().stream().map(ConstraintViolation::constraint).toList());
        assertEquals(12, e.violations().get(1).needed());
        CompiledNetwork c =
                Compiler.compile(
                        net,
                        Fixtures.tiny()
                                .setInputAxonsPerCore(12)
                                .setMaxFanIn(12)
                                .setSynapseMemoryBitsPerCore(4 * 12 * 8)
                                .build());
        assertEquals(1, c.getCoresCount());
        assertEquals(12, c.getCores(0).getInputAxons());
        assertEquals(4L * 12 * 8, c.getCores(0).getSynapseBits());
        assertTrue(
                c.getRoutesList()
                        .contains(
                                Route.newBuilder().setSrcCore(0).setDstCore(0).setHops(0).build()),
                "a core routes to itself");
    }

    @Test
    void aSplitRecurrentLayerRoutesBetweenAllItsCores() {
        // 8 neurons on 4-neuron cores: 2 cores, each neuron needs 2 output axons (its own layer's
        // cores): 4 x 2 = 8 fits.
        TrainedNetwork net =
                Fixtures.network(
                        4,
                        10,
                        Fixtures.recurrent(
                                "r", 8, 4, Fixtures.random(32, 1), Fixtures.random(64, 2), 1f));
        var chip =
                Fixtures.tiny()
                        .setInputAxonsPerCore(12)
                        .setMaxFanIn(12)
                        .setSynapseMemoryBitsPerCore(4 * 12 * 8);
        CompiledNetwork c = Compiler.compile(net, chip.build());
        assertEquals(2, c.getCoresCount());
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                int src = a, dst = b;
                assertEquals(
                        1,
                        c.getRoutesList().stream()
                                .filter(r -> r.getSrcCore() == src && r.getDstCore() == dst)
                                .count());
            }
        }
        // With 7 output axons: 3, then 2, then 1 neuron per core, and one neuron alone needs 8 (its
        // 8 own cores).
        List<ConstraintViolation> v =
                Compiler.check(
                        net, chip.setOutputAxonsPerCore(7).build(), CompileOptions.defaults());
        assertEquals(
                List.of(
                        new ConstraintViolation(
                                "r", ConstraintViolation.OUTPUT_AXONS, 8, 7, v.get(0).hint())),
                v);
    }

    @Test
    void theSimulatorRunsTheRecurrentLayerLikeTheFloatNetwork() {
        int in = 20, size = 16, steps = 40;
        float[] rec = Fixtures.random(size * size, 32);
        for (int i = 0; i < rec.length; i++) rec[i] *= 0.5f;
        TrainedNetwork net =
                Fixtures.network(
                        in,
                        steps,
                        Fixtures.recurrent("r", size, in, Fixtures.random(size * in, 31), rec, 1f));
        CompiledNetwork c = Compiler.compile(net, ChipProfiles.loadDefault());
        FloatReference ref = new FloatReference(NetworkValidator.validate(net));
        Random r = new Random(9);
        int spikes = 0, agree = 0;
        try (Simulator sim = new Simulator(c)) {
            int[] buf = new int[in];
            for (int t = 0; t < steps; t++) {
                int k = 0;
                for (int i = 0; i < in; i++) if (r.nextDouble() < 0.3) buf[k++] = i;
                int[] step = Arrays.copyOf(buf, k);
                sim.step(step, k);
                ref.step(step);
                for (int n = 0; n < size; n++) {
                    if (ref.spikes(0)[n]) spikes++;
                    if (ref.spikes(0)[n] == sim.spikes(0)[n]) agree++;
                }
            }
        }
        assertTrue(spikes > 20, "active: " + spikes);
        assertTrue(agree >= 0.97 * steps * size, "agree on " + agree + " of " + steps * size);
    }

    @Test
    void scoreModesTheChipCannotReadAreRejected() {
        TrainedNetwork net =
                Fixtures.chain(4, 2).toBuilder().setScore(ScoreMode.SCORE_MAX_POTENTIAL).build();
        InvalidNetworkException e =
                assertThrows(
                        InvalidNetworkException.class,
                        () -> Compiler.compile(net, ChipProfiles.loadDefault()));
        assertTrue(e.getMessage().contains("SCORE_MAX_POTENTIAL"), e.getMessage());
    }
}
