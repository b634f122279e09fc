package dev.spikeforge.proto.artifact.validate;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.*;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each hostile value the issue names is refused by name, and the valid network next to it passes.
 */
public class ArtifactValidatorTest {

    /** The one-neuron network of docs/compiled-network.md. */
    public static CompiledNetwork oneNeuron() {
        return CompiledNetwork.newBuilder()
                .setName("one-neuron")
                .setInputSize(1)
                .setInput(
                        InputSpec.newBuilder()
                                .addShape(1)
                                .setEncoding(Encoding.RATE)
                                .setSteps(7)
                                .setGain(1))
                .setProfile(
                        ChipProfile.newBuilder()
                                .setName("generic")
                                .setEnergy(
                                        EnergyModel.newBuilder()
                                                .setSynapticOpJ(2.36e-11)
                                                .setSpikeJ(1.7e-12)))
                .addLayers(
                        CompiledLayer.newBuilder()
                                .setName("n")
                                .setSize(1)
                                .setSource(-1)
                                .setFanIn(1)
                                .setWeightBits(8)
                                .addWeights(10)
                                .setNeuron(
                                        FixedLifParams.newBuilder()
                                                .setDu(4095)
                                                .setDv(0)
                                                .setVthMant(25)))
                .addCores(Core.newBuilder().setId(0).setLayer(0).setNeuronBegin(0).setNeuronEnd(1))
                .build();
    }

    private static List<String> problems(CompiledNetwork net) {
        return ArtifactValidator.check(net).list();
    }

    private static CompiledNetwork layer(UnaryOperator<CompiledLayer.Builder> change) {
        CompiledNetwork n = oneNeuron();
        return n.toBuilder().setLayers(0, change.apply(n.getLayers(0).toBuilder())).build();
    }

    private static void refused(CompiledNetwork net, String expected) {
        List<String> p = problems(net);
        assertTrue(
                p.stream().anyMatch(s -> s.contains(expected)),
                "expected a problem containing '" + expected + "', got " + p);
        InvalidArtifactException e =
                assertThrows(
                        InvalidArtifactException.class, () -> ArtifactValidator.requireValid(net));
        assertTrue(
                e.getMessage().startsWith("compiled network 'one-neuron' is invalid"),
                e.getMessage());
    }

    @Test
    void theDocumentedNetworkIsValid() {
        assertEquals(List.of(), problems(oneNeuron()));
    }

    @Test
    void thresholdsThatOverflowAnIntShiftAreRefused() {
        // 33 554 432 << 6 = 2^31: negative in int, so an int check let it pass
        refused(
                layer(l -> l.setNeuron(l.getNeuron().toBuilder().setVthMant(33_554_432))),
                "layer 0 'n' neuron.vth_mant is 33554432, outside 1..131071");
        refused(
                layer(l -> l.setNeuron(l.getNeuron().toBuilder().setVthMant(Integer.MAX_VALUE))),
                "neuron.vth_mant is 2147483647, outside 1..131071");
        refused(layer(l -> l.addVthMants(131_072)), "vth_mants[0] is 131072, outside 1..131071");
    }

    @Test
    void biasAndWeightExponentsAreCheckedAsTheNumbersTheFileHolds() {
        // uint32 4 000 000 000 reads as a negative int in Java
        refused(
                layer(l -> l.setBiasExp((int) 4_000_000_000L)),
                "bias_exp is 4000000000, outside 0..7");
        refused(
                layer(l -> l.addBiasMant(2_000_000_000)),
                "bias_mant[0] is 2000000000, outside -4095..4095");
        refused(layer(l -> l.setWeightExp(100)), "weight_exp is 100, outside -16..15");
        refused(layer(l -> l.setWeightExp(-100)), "weight_exp is -100, outside -16..15");
    }

    @Test
    void aLayerSizeBeyondIntIsRefusedNotWrapped() {
        refused(layer(l -> l.setSize(-1)), "layer 0 'n' size is 4294967295, outside 1..1073741824");
    }

    @Test
    void noCoresIsNotOneCore() {
        refused(oneNeuron().toBuilder().clearCores().build(), "cores: there are none");
        CompiledNetwork twoOnOne =
                oneNeuron().toBuilder()
                        .addCores(
                                Core.newBuilder()
                                        .setId(1)
                                        .setLayer(0)
                                        .setNeuronBegin(0)
                                        .setNeuronEnd(1))
                        .build();
        refused(twoOnOne, "neuron 0 of layer 0 is on two cores");
    }

    @Test
    void anEmbeddedProfileWithNegativeOrNaNEnergyIsRefused() {
        CompiledNetwork n = oneNeuron();
        refused(
                n.toBuilder()
                        .setProfile(
                                n.getProfile().toBuilder()
                                        .setEnergy(
                                                n.getProfile().getEnergy().toBuilder()
                                                        .setSpikeJ(-1e-12)))
                        .build(),
                "profile.energy.spike_j is -1.0E-12, outside 0.0..1.0");
        refused(
                n.toBuilder()
                        .setProfile(
                                n.getProfile().toBuilder()
                                        .setEnergy(
                                                n.getProfile().getEnergy().toBuilder()
                                                        .setHopJ(Double.NaN)))
                        .build(),
                "profile.energy.hop_j is NaN, not a finite number");
        refused(
                n.toBuilder()
                        .setProfile(
                                n.getProfile().toBuilder()
                                        .setEnergy(
                                                n.getProfile().getEnergy().toBuilder()
                                                        .setStaticPowerPerCoreW(1e-3)))
                        .build(),
                "profile.energy.step_seconds: is 0 but static_power_per_core_w is 0.001");
    }

    @Test
    void weightsMustMatchTheirWidthAndShape() {
        refused(layer(l -> l.setWeights(0, 128)), "weights[0] is 128, outside -127..127");
        refused(
                layer(l -> l.addWeights(3)),
                "weights has 2 entries, expected 1 (size × fan_in = 1 × 1)");
        refused(layer(l -> l.setWeightBits(0)), "weight_bits is 0, outside 1..16");
        refused(
                layer(l -> l.setFanIn(2)),
                "fan_in is 2, but its source (the input, input_size) has 1");
    }

    @Test
    void anInputThatWouldOverflowTheCurrentRegisterIsRefused() {
        // 127 << 15 << 6 = 266 338 304 > 2^24 in one step
        refused(
                layer(l -> l.setWeights(0, 127).setWeightExp(15)),
                "weights: a neuron's inputs sum to 127 in one step");
        assertEquals(
                List.of(),
                problems(layer(l -> l.setWeights(0, 127).setWeightExp(7))),
                "127 << 7 << 6 = 1 040 384 is fine");
    }

    @Test
    void spikesOfOneSignAreBoundedByTheLargerOfTheExcitatoryAndInhibitorySums() {
        // weights +127 and -127 from two binary inputs at weight_exp 11: the sum lies in [-127,
        // 127], and
        // 127 << 11 << 6 = 16 646 144 fits 2^24 = 16 777 216; Σ|w| = 254 would give 33 292 288,
        // which does not.
        CompiledNetwork two =
                oneNeuron().toBuilder()
                        .setInputSize(2)
                        .setInput(oneNeuron().getInput().toBuilder().setShape(0, 2))
                        .setLayers(
                                0,
                                oneNeuron().getLayers(0).toBuilder()
                                        .setFanIn(2)
                                        .clearWeights()
                                        .addWeights(127)
                                        .addWeights(-127)
                                        .setWeightExp(11))
                        .build();
        assertEquals(List.of(), problems(two));
        // both excitatory, 129 << 17 = 16 908 288 does not fit (128 << 17 = 2^24 exactly is the
        // largest that does)
        refused(
                two.toBuilder()
                        .setLayers(
                                0,
                                two.getLayers(0).toBuilder()
                                        .clearWeights()
                                        .addWeights(127)
                                        .addWeights(2))
                        .build(),
                "inputs sum to 129 in one step");
        // signed input payloads (graded, 2 bits: -2..2) reach both ends at once: Σ|w| × 2 = 508 is
        // the bound
        CompiledNetwork graded =
                two.toBuilder()
                        .setProfile(two.getProfile().toBuilder().setGradedSpikeBits(24))
                        .setInputPayload(
                                InputPayload.newBuilder()
                                        .setMode(InputMode.INPUT_GRADED)
                                        .setBits(2)
                                        .setScale(1))
                        .build();
        refused(graded, "inputs sum to 508 in one step");
    }

    static TrainedNetwork trained() {
        return TrainedNetwork.newBuilder()
                .setName("tiny")
                .setInput(
                        InputSpec.newBuilder()
                                .addShape(3)
                                .setEncoding(Encoding.RATE)
                                .setSteps(10)
                                .setGain(1))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("h")
                                .setKind(LayerKind.DENSE_LIF)
                                .setSize(2)
                                .setWeights(
                                        Tensor.newBuilder()
                                                .addShape(2)
                                                .addShape(3)
                                                .addAllValues(List.of(1f, 2f, 3f, 4f, 5f, 6f)))
                                .setNeuron(
                                        FloatLifParams.newBuilder()
                                                .setDu(1)
                                                .setDv(0.1f)
                                                .setThreshold(1)))
                .build();
    }

    @Test
    void trainedNetworksWithoutLayersOrWithShortWeightsAreRefused() {
        assertEquals(List.of(), ArtifactValidator.check(trained()).list());
        assertTrue(
                ArtifactValidator.check(TrainedNetwork.getDefaultInstance())
                        .list()
                        .contains("layers: there are none (a network needs at least one layer)"));
        TrainedNetwork t = trained();
        TrainedNetwork shortWeights =
                t.toBuilder()
                        .setLayers(
                                0,
                                t.getLayers(0).toBuilder()
                                        .setWeights(
                                                t.getLayers(0).getWeights().toBuilder()
                                                        .clearValues()
                                                        .addAllValues(List.of(1f, 2f, 3f, 4f, 5f))))
                        .build();
        assertTrue(
                ArtifactValidator.check(shortWeights)
                        .list()
                        .contains(
                                "layer 0 'h' weights.values has 5 entries, expected 6 (shape [2,"
                                        + " 3])"),
                ArtifactValidator.check(shortWeights).list().toString());
        TrainedNetwork nan =
                t.toBuilder()
                        .setLayers(
                                0,
                                t.getLayers(0).toBuilder()
                                        .setWeights(
                                                t.getLayers(0).getWeights().toBuilder()
                                                        .setValues(4, Float.NaN)))
                        .build();
        assertTrue(
                ArtifactValidator.check(nan)
                        .list()
                        .contains("layer 0 'h' weights.values[4] is NaN, not a finite number"));
    }

    /**
     * A 1x4x4 input, a stride-2 conv (2x2 out, 2 channels), a dense layer of 8 and one reading both
     * (sum).
     */
    static TrainedNetwork stridedWithSources(int stride, List<Integer> sources) {
        FloatLifParams n = FloatLifParams.newBuilder().setDu(1).setDv(0.1f).setThreshold(1).build();
        int out = (4 + 2 - 3) / stride + 1;
        return TrainedNetwork.newBuilder()
                .setName("sum")
                .setInput(
                        InputSpec.newBuilder()
                                .addShape(1)
                                .addShape(4)
                                .addShape(4)
                                .setEncoding(Encoding.DIRECT)
                                .setSteps(10)
                                .setGain(1))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("c")
                                .setKind(LayerKind.CONV_LIF)
                                .setSize(2 * out * out)
                                .setNeuron(n)
                                .setWeights(
                                        Tensor.newBuilder()
                                                .addAllShape(List.of(2, 1, 3, 3))
                                                .addAllValues(
                                                        java.util.Collections.nCopies(18, 0.5f)))
                                .setConv(
                                        ConvGeometry.newBuilder()
                                                .setInChannels(1)
                                                .setInHeight(4)
                                                .setInWidth(4)
                                                .setOutChannels(2)
                                                .setKernel(3)
                                                .setPadding(1)
                                                .setStride(stride)
                                                .setOutHeight(2)
                                                .setOutWidth(2)
                                                .setPool(1)))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("d")
                                .setKind(LayerKind.DENSE_LIF)
                                .setSize(8)
                                .setNeuron(n)
                                .setWeights(
                                        Tensor.newBuilder()
                                                .addShape(8)
                                                .addShape(8)
                                                .addAllValues(
                                                        java.util.Collections.nCopies(64, 0.1f))))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("r")
                                .setKind(LayerKind.READOUT)
                                .setSize(2)
                                .setNeuron(n)
                                .addAllSources(sources)
                                .setWeights(
                                        Tensor.newBuilder()
                                                .addShape(2)
                                                .addShape(8)
                                                .addAllValues(
                                                        java.util.Collections.nCopies(16, 0.1f))))
                .build();
    }

    @Test
    void stridedConvsAndSummedSourcesAreChecked() {
        assertEquals(
                List.of(),
                ArtifactValidator.check(stridedWithSources(2, List.of(1, 0))).list(),
                "stride 2: 4x4 padded 1 -> 2x2");
        assertTrue(
                ArtifactValidator.check(stridedWithSources(1, List.of(1)))
                        .list()
                        .contains(
                                "layer 0 'c' conv.out_height with out_width: 2x2 is not (in +"
                                        + " 2·padding − kernel) / stride + 1 = 4x4"));
        assertTrue(
                ArtifactValidator.check(stridedWithSources(2, List.of(1, 2)))
                        .list()
                        .contains(
                                "layer 2 'r' sources[1] is 2, not an earlier layer (0..1) or -1 for"
                                        + " the input"));
        assertTrue(
                ArtifactValidator.check(stridedWithSources(2, List.of(0, 0)))
                        .list()
                        .contains("layer 2 'r' sources[1] lists 0 a second time"));
        List<String> p = ArtifactValidator.check(stridedWithSources(2, List.of(1, -1))).list();
        assertTrue(
                p.stream()
                        .anyMatch(
                                s ->
                                        s.startsWith("layer 2 'r' sources[1] reads")
                                                && s.contains("the input")),
                p.toString());
    }

    @Test
    void aMillionBadValuesMakeAReadableMessage() {
        CompiledNetwork.Builder b = oneNeuron().toBuilder();
        for (int i = 0; i < 100; i++) b.addRoutes(Route.newBuilder().setSrcCore(5).setDstCore(9));
        Problems p = ArtifactValidator.check(b.build());
        assertEquals(200, p.count());
        assertEquals(Problems.KEEP, p.list().size());
        assertTrue(p.describe().endsWith("... and 180 more"), p.describe());
    }
}
