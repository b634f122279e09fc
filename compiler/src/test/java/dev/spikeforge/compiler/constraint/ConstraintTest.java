package dev.spikeforge.compiler.constraint;

import static dev.spikeforge.compiler.constraint.ConstraintViolation.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each limit of the tiny profile (see Fixtures.tiny) met exactly, then broken alone, then several
 * at once.
 */
class ConstraintTest {
    /**
     * 8 inputs -> 4 -> 4 -> 4 -> 4: each layer fills one core exactly, the four cores fill the
     * chip.
     */
    static final TrainedNetwork AT_LIMITS = Fixtures.chain(8, 4, 4, 4, 4);

    static final TrainedNetwork ONE_LAYER = Fixtures.chain(8, 4);

    static List<ConstraintViolation> violations(
            TrainedNetwork net, ChipProfile.Builder p, CompileOptions o) {
        CompilationException e =
                assertThrows(CompilationException.class, () -> Compiler.compile(net, p.build(), o));
        assertEquals(
                e.violations(), Compiler.check(net, p.build(), o), "check() agrees with compile()");
        return e.violations();
    }

    static List<ConstraintViolation> violations(TrainedNetwork net, ChipProfile.Builder p) {
        return violations(net, p, CompileOptions.defaults());
    }

    static List<String> names(List<ConstraintViolation> v) {
        return v.stream().map(ConstraintViolation::constraint).toList();
    }

    @Test
    void aNetworkExactlyAtEveryLimitFits() {
        // Layer 0: fan-in 8 = max fan-in = input axons; 4 neurons = neurons per core; 4 x 8 x 8 =
        // 256 bits = memory.
        CompiledNetwork c = Compiler.compile(AT_LIMITS, Fixtures.tiny().build());
        assertEquals(4, c.getCoresCount());
        assertEquals(1.0, c.getReport().getNeuronUtilization(), 1e-12);
        assertTrue(
                Compiler.check(AT_LIMITS, Fixtures.tiny().build(), CompileOptions.defaults())
                        .isEmpty());
    }

    @Test
    void fanInAboveTheMaximum() {
        List<ConstraintViolation> v = violations(ONE_LAYER, Fixtures.tiny().setMaxFanIn(7));
        assertEquals(List.of(new ConstraintViolation("l0", FAN_IN, 8, 7, v.get(0).hint())), v);
    }

    @Test
    void fanInAboveTheInputAxonsOfACore() {
        List<ConstraintViolation> v =
                violations(ONE_LAYER, Fixtures.tiny().setInputAxonsPerCore(7));
        assertEquals(List.of(INPUT_AXONS), names(v));
        assertEquals(8, v.get(0).needed());
        assertEquals(7, v.get(0).available());
    }

    @Test
    void oneNeuronsSynapsesDoNotFitACore() {
        // 8 inputs x 8 bits = 64 bits per neuron, 63 available.
        List<ConstraintViolation> v =
                violations(ONE_LAYER, Fixtures.tiny().setSynapseMemoryBitsPerCore(63));
        assertEquals(
                List.of(new ConstraintViolation("l0", SYNAPSE_MEMORY, 64, 63, v.get(0).hint())), v);
        assertTrue(v.get(0).hint().contains("fewer weight bits"));
    }

    @Test
    void perSynapseOverheadCountsAgainstMemory() {
        // 8 x (8 + 1) = 72 bits per neuron > 64.
        List<ConstraintViolation> v =
                violations(
                        ONE_LAYER,
                        Fixtures.tiny()
                                .setSynapseMemoryBitsPerCore(64)
                                .setBitsPerSynapseOverhead(1));
        assertEquals(List.of(SYNAPSE_MEMORY), names(v));
        assertEquals(72, v.get(0).needed());
    }

    @Test
    void moreCoresThanTheChipsHold() {
        // 8 -> 4 x 4 layers + one more = 5 cores on 4.
        List<ConstraintViolation> v = violations(Fixtures.chain(8, 4, 4, 4, 4, 4), Fixtures.tiny());
        assertEquals(List.of(new ConstraintViolation(NETWORK, CORES, 5, 4, v.get(0).hint())), v);
        assertTrue(v.get(0).hint().contains("more chips"));
    }

    @Test
    void moreWeightBitsThanTheProfileStores() {
        List<ConstraintViolation> v =
                violations(
                        ONE_LAYER,
                        Fixtures.tiny().setSynapseMemoryBitsPerCore(1 << 20),
                        CompileOptions.defaults().withWeightBits(9));
        assertEquals(
                List.of(new ConstraintViolation(NETWORK, WEIGHT_BITS, 9, 8, v.get(0).hint())), v);
    }

    @Test
    void fanOutAboveTheMaximum() {
        List<ConstraintViolation> v =
                violations(Fixtures.chain(8, 4, 4), Fixtures.tiny().setMaxFanOut(3));
        assertEquals(List.of(new ConstraintViolation("l0", FAN_OUT, 4, 3, v.get(0).hint())), v);
    }

    /**
     * conv0 (1x8x8 input, 2 channels 3x3 padding 1, pooled to 2x4x4) feeds conv1 (3 channels 3x3
     * padding 1 on 4x4): an inner pooled position is read by 3 x 3 windows in each of 3 channels,
     * so a conv0 neuron reaches 27 of conv1's 48 neurons, not all of them.
     */
    @Test
    void aConvNeuronsFanOutIsTheWindowsThatReadIt() {
        TrainedNetwork net =
                Fixtures.network(
                        64,
                        4,
                        Fixtures.conv(
                                "conv0",
                                1,
                                8,
                                8,
                                2,
                                3,
                                1,
                                2,
                                Fixtures.sixtyFourths(2 * 9, 60, 1),
                                null,
                                1f,
                                ResetMode.RESET_TO_ZERO),
                        Fixtures.conv(
                                "conv1",
                                2,
                                4,
                                4,
                                3,
                                3,
                                1,
                                1,
                                Fixtures.sixtyFourths(3 * 2 * 9, 60, 2),
                                null,
                                1f,
                                ResetMode.RESET_TO_ZERO),
                        Fixtures.readout("readout", 3, 48, Fixtures.sixtyFourths(3 * 48, 60, 3)));
        ChipProfile.Builder roomy =
                Fixtures.tiny()
                        .setNeuronsPerCore(256)
                        .setInputAxonsPerCore(1024)
                        .setOutputAxonsPerCore(1024)
                        .setMaxFanIn(1024)
                        .setSynapseMemoryBitsPerCore(1 << 20)
                        .setMaxFanOut(27);
        assertEquals(
                List.of(),
                Compiler.check(net, roomy.build(), CompileOptions.defaults()),
                "27 readers fit a fan-out of 27");
        List<ConstraintViolation> v = violations(net, roomy.setMaxFanOut(26));
        assertEquals(
                List.of(new ConstraintViolation("conv0", FAN_OUT, 27, 26, v.get(0).hint())), v);
    }

    @Test
    void nextLayerOnMoreCoresThanOutputAxons() {
        // layer 1 (8 neurons) needs 2 cores; a neuron of layer 0 needs 2 output axons, the core has
        // 1.
        List<ConstraintViolation> v =
                violations(
                        Fixtures.chain(8, 4, 8),
                        Fixtures.tiny().setOutputAxonsPerCore(1).setChips(2));
        assertEquals(
                List.of(new ConstraintViolation("l0", OUTPUT_AXONS, 2, 1, v.get(0).hint())), v);
    }

    @Test
    void everyViolationIsListedAtOnce() {
        // 9-bit weights on an 8-bit profile; layer 0 has fan-in 8 > 6 and 8 x 9 = 72 bits > 70 per
        // core;
        // layer 1 (fan-in 4, 36 bits per neuron) fits one neuron per core: 4 cores, 6 in total on
        // 4.
        ChipProfile.Builder p = Fixtures.tiny().setMaxFanIn(6).setSynapseMemoryBitsPerCore(70);
        CompilationException e =
                assertThrows(
                        CompilationException.class,
                        () ->
                                Compiler.compile(
                                        Fixtures.chain(8, 4, 4),
                                        p.build(),
                                        CompileOptions.defaults().withWeightBits(9)));
        assertEquals(List.of(WEIGHT_BITS, FAN_IN, SYNAPSE_MEMORY, CORES), names(e.violations()));
        ConstraintViolation cores = e.violations().get(3);
        assertEquals(1 + 4, cores.needed(), "the unmappable layer counts its least cores");
        for (String name : List.of("weight_bits", "fan_in", "synapse_memory", "cores")) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertTrue(e.getMessage().contains("4 violations"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'l0'"), e.getMessage());
    }
}
