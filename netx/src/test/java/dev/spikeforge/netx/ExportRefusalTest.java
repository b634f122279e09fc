package dev.spikeforge.netx;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.netx.format.NetxLayer;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What netx cannot carry exactly is refused by layer, field and constraint; what it can is written.
 */
class ExportRefusalTest {
    private static final CompiledNetwork NET =
            NetxCompile.compile(Nets.mlp(), Nets.loihi2()).network();

    private static CompiledNetwork with(int layer, UnaryOperator<CompiledLayer.Builder> change) {
        CompiledNetwork.Builder b = NET.toBuilder();
        b.setLayers(layer, change.apply(b.getLayers(layer).toBuilder()));
        return b.build();
    }

    private static List<String> problems(CompiledNetwork c) {
        return assertThrows(NetxException.class, () -> NetxExporter.export(c)).problems();
    }

    private static void refused(CompiledNetwork c, String expected) {
        List<String> p = problems(c);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(expected), p.get(0));
    }

    @Test
    void theNetxCompileOfATrainedNetworkIsWritten() {
        NetxExporter.Result r = NetxExporter.export(NET);
        assertEquals(
                List.of("input", "dense", "dense_rec", "dense"),
                r.network().layers().stream().map(NetxLayer::type).toList());
        NetxLayer.Dense readout = (NetxLayer.Dense) r.network().layers().get(3);
        assertEquals(
                1 << 17,
                readout.neuron().vThMant(),
                "a readout never spikes: vThMant << 6 is above the largest v");
        NetxLayer.Dense hidden = (NetxLayer.Dense) r.network().layers().get(1);
        CompiledLayer h = NET.getLayers(0);
        assertEquals(h.getNeuron().getDu() + 1, hidden.neuron().iDecay());
        assertEquals(h.getNeuron().getDv(), hidden.neuron().vDecay());
        assertEquals(h.getNeuron().getVthMant(), hidden.neuron().vThMant());
        assertEquals(h.getWeights(7) << h.getWeightExp(), hidden.weight().get(7));
        assertEquals((h.getBiasMant(3) << h.getBiasExp()) >> 6, hidden.bias().get(3));
    }

    @Test
    void neuronModelsAndFeaturesLavasLifLacks() {
        refused(
                with(
                        0,
                        l ->
                                l.setNeuron(
                                        l.getNeuron().toBuilder()
                                                .setModel(NeuronModel.SHIFT_LIF)
                                                .setSynShift(2)
                                                .setMemShift(3))),
                "layer 0 'hidden' neuron.model SHIFT_LIF: netx describes CUBA LIF compartments");
        refused(
                with(0, l -> l.setNeuron(l.getNeuron().toBuilder().setRefractorySteps(2))),
                "layer 0 'hidden' neuron.refractory_steps 2: Lava's LIF has no refractory period");
        refused(
                with(
                        0,
                        l ->
                                l.setNeuron(
                                        l.getNeuron().toBuilder()
                                                .setReset(ResetMode.RESET_BY_SUBTRACTION))),
                "layer 0 'hidden' neuron.reset RESET_BY_SUBTRACTION: Lava's LIF sets v to 0 after a"
                        + " spike");
    }

    @Test
    void gradedInputHostLayersGradedNeuronsAndSeveralSourcesAreRefusedByName() {
        CompiledNetwork graded =
                NET.toBuilder()
                        .setInputPayload(
                                dev.spikeforge.proto.InputPayload.newBuilder()
                                        .setMode(dev.spikeforge.proto.InputMode.INPUT_GRADED)
                                        .setBits(8)
                                        .setScale(100))
                        .build();
        refused(graded, "input_payload.mode INPUT_GRADED");
        refused(with(0, l -> l.setOnHost(true)), "layer 0 'hidden' on_host");
        refused(
                with(0, l -> l.setNeuron(l.getNeuron().toBuilder().setGraded(true))),
                "layer 0 'hidden' neuron.graded");
        List<String> p = problems(with(2, l -> l.addSources(0).addSources(1)));
        assertTrue(p.stream().anyMatch(m -> m.contains("sources [0, 1]")), p.toString());
    }

    @Test
    void integrateAndFireIsCubaWithoutCurrentMemoryOrLeak() {
        CompiledNetwork c =
                with(
                        0,
                        l ->
                                l.setNeuron(
                                        l.getNeuron().toBuilder()
                                                .setModel(NeuronModel.INTEGRATE_AND_FIRE)
                                                .clearDu()
                                                .clearDv()));
        NetxLayer.Dense d = (NetxLayer.Dense) NetxExporter.export(c).network().layers().get(1);
        assertEquals(4096, d.neuron().iDecay());
        assertEquals(0, d.neuron().vDecay());
    }

    @Test
    void perNeuronThresholdsOnlyWhenAllEqual() {
        int size = NET.getLayers(0).getSize(), vth = NET.getLayers(0).getNeuron().getVthMant();
        CompiledNetwork equal =
                with(
                        0,
                        l -> {
                            for (int n = 0; n < size; n++) l.addVthMants(vth);
                            return l;
                        });
        assertEquals(
                vth,
                ((NetxLayer.Dense) NetxExporter.export(equal).network().layers().get(1))
                        .neuron()
                        .vThMant());
        refused(
                with(
                        0,
                        l -> {
                            for (int n = 0; n < size; n++) l.addVthMants(vth + n);
                            return l;
                        }),
                "layer 0 'hidden' vth_mants: neuron 0 has "
                        + vth
                        + ", neuron 1 has "
                        + (vth + 1)
                        + "; Lava's LIF has one threshold per layer");
    }

    @Test
    void aNegativeWeightExponentOnlyWhenEveryWeightIsAMultiple() {
        refused(with(0, l -> l.setWeightExp(-2)), "layer 0 'hidden' weights[0][");
        assertTrue(
                problems(with(0, l -> l.setWeightExp(-2)))
                        .get(0)
                        .contains("weight_exp -2 truncates the summed input (⌊Σw / 4⌋)"));
        CompiledNetwork multiples =
                with(
                        0,
                        l -> {
                            for (int i = 0; i < l.getWeightsCount(); i++)
                                l.setWeights(i, l.getWeights(i) / 4 * 4);
                            return l.setWeightExp(-2);
                        });
        NetxLayer.Dense d =
                (NetxLayer.Dense) NetxExporter.export(multiples).network().layers().get(1);
        assertEquals(multiples.getLayers(0).getWeights(5) / 4, d.weight().get(5));
    }

    @Test
    void effectiveWeightsBeyondWhatLavasSynapseHolds() {
        // w up to 127 at weight_exp 2: 508, which netx clips to 254
        List<String> p = problems(with(0, l -> l.setWeightExp(2)));
        assertEquals(1, p.size());
        assertTrue(
                p.get(0)
                        .matches(
                                "layer 0 'hidden' weights\\[0\\]\\[2\\]: effective weight -296"
                                        + " \\(mantissa × 2\\^2\\) is held by Lava as -256 / 2\\^0:"
                                        + " netx clips mixed-sign weights to \\[-256, 254\\].*"),
                p.get(0));
        CompiledNetwork zero =
                with(
                        0,
                        l -> {
                            for (int i = 0; i < l.getWeightsCount(); i++) l.setWeights(i, 0);
                            return l;
                        });
        refused(zero, "layer 0 'hidden' weights: every weight is 0");
    }

    @Test
    void biasesAreCarriedInWholeWeightUnitsWithin13Bits() {
        refused(
                with(0, l -> l.setBiasMant(2, 5).setBiasExp(0)),
                "layer 0 'hidden' bias_mant[0] = ");
        assertTrue(
                problems(
                                with(
                                        0,
                                        l -> {
                                            for (int n = 0; n < l.getBiasMantCount(); n++)
                                                l.setBiasMant(n, 1);
                                            return l.setBiasExp(0);
                                        }))
                        .get(0)
                        .contains(
                                "adds 1 to v; netx's bias is added as bias << 6 (Lava's bias_exp is"
                                        + " always 6), so it must be a multiple of 64"));
        refused(
                with(0, l -> l.setBiasMant(1, 4095).setBiasExp(7)),
                "layer 0 'hidden' bias_mant[1] = 4095 (bias_exp 7): is 8190 weight units");
    }

    @Test
    void delaysAndConnections() {
        refused(
                with(0, l -> l.setAxonDelay(63)),
                "layer 0 'hidden' axon_delay 63: netx clamps delays to 62");
        refused(
                with(1, l -> l.setAxonDelay(1)),
                "layer 1 'rec' axon_delay 1: netx gives a dense_rec layer one delay matrix");
        NetxLayer.Dense d =
                (NetxLayer.Dense)
                        NetxExporter.export(with(0, l -> l.setAxonDelay(5)))
                                .network()
                                .layers()
                                .get(1);
        assertEquals(24, d.delay().size());
        assertEquals(5, d.delay().get(23));
        refused(
                with(2, l -> l.setSource(0)),
                "layer 2 'readout' source 0: netx connects each layer to the one before it (1)");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        CompiledNetwork.Builder b = NET.toBuilder();
        b.getLayersBuilder(0)
                .setNeuron(
                        b.getLayers(0).getNeuron().toBuilder()
                                .setRefractorySteps(1)
                                .setReset(ResetMode.RESET_BY_SUBTRACTION));
        b.getLayersBuilder(2).setAxonDelay(99);
        NetxException e = assertThrows(NetxException.class, () -> NetxExporter.export(b.build()));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(
                e.getMessage()
                        .startsWith("network 'netx-test' cannot be written as netx: 3 problems"),
                e.getMessage());
    }
}
