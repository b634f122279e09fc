package dev.spikeforge.neuron.codec;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.neuron.*;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NeuronCodecTest {

    @Test
    void everyModelAndOptionSurvivesTheRoundTrip() {
        Random r = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            Reset reset = r.nextBoolean() ? Reset.TO_ZERO : Reset.BY_SUBTRACTION;
            boolean readout = r.nextInt(4) == 0;
            int refractory = r.nextInt(4), size = 1 + r.nextInt(20);
            Firing firing;
            if (r.nextBoolean()) {
                firing = Firing.of(1 + r.nextInt(Firing.MAX_VTH_MANT), reset, readout, refractory);
            } else {
                int[] mants = new int[size];
                for (int n = 0; n < size; n++) mants[n] = 1 + r.nextInt(Firing.MAX_VTH_MANT);
                firing = Firing.perNeuron(mants, reset, readout, refractory);
            }
            FixedNeuron m =
                    switch (trial % 3) {
                        case 0 -> new CubaLif(r.nextInt(4096), r.nextInt(4096), firing);
                        case 1 -> new ShiftLif(r.nextInt(24), r.nextInt(24), firing);
                        default -> new IntegrateFire(firing);
                    };
            CompiledLayer layer =
                    NeuronCodec.writeTo(m, CompiledLayer.newBuilder().setSize(size)).build();
            FixedNeuron back = NeuronCodec.fromProto(layer);
            assertEquals(m.toString(), back.toString());
            assertEquals(
                    layer,
                    NeuronCodec.writeTo(back, CompiledLayer.newBuilder().setSize(size)).build());
        }
    }

    @Test
    void protoFieldsMapOneToOne() {
        FixedLifParams shift =
                NeuronCodec.toProto(
                        new ShiftLif(3, 5, Firing.of(40, Reset.BY_SUBTRACTION, false, 2)));
        assertEquals(
                FixedLifParams.newBuilder()
                        .setModel(NeuronModel.SHIFT_LIF)
                        .setSynShift(3)
                        .setMemShift(5)
                        .setVthMant(40)
                        .setReset(ResetMode.RESET_BY_SUBTRACTION)
                        .setRefractorySteps(2)
                        .build(),
                shift);
        FixedLifParams cuba =
                NeuronCodec.toProto(new CubaLif(409, 410, Firing.of(2000, Reset.TO_ZERO, true, 0)));
        assertEquals(
                FixedLifParams.newBuilder()
                        .setDu(409)
                        .setDv(410)
                        .setVthMant(2000)
                        .setReadout(true)
                        .build(),
                cuba);
    }

    @Test
    void resetModesMapBothWaysAndUnknownOnesResetToZero() {
        for (Reset r : Reset.values()) assertEquals(r, NeuronCodec.reset(NeuronCodec.toProto(r)));
        assertEquals(Reset.TO_ZERO, NeuronCodec.reset(ResetMode.UNRECOGNIZED));
    }

    @Test
    void aLayerWithTheWrongNumberOfThresholdsIsRefused() {
        CompiledLayer layer =
                CompiledLayer.newBuilder()
                        .setSize(3)
                        .addVthMants(5)
                        .addVthMants(6)
                        .setNeuron(FixedLifParams.newBuilder().setDu(1))
                        .build();
        var e = assertThrows(IllegalArgumentException.class, () -> NeuronCodec.fromProto(layer));
        assertTrue(
                e.getMessage()
                        .startsWith("vth_mants has 2 entries, expected one per neuron (size 3)"),
                e.getMessage());
    }

    /**
     * The models' package is plain Java: only this package sees the proto messages (see
     * package-info).
     */
    @Test
    void theModelsDoNotImportTheProtoMessages() throws IOException {
        Path models = Path.of("src/main/java/dev/spikeforge/neuron");
        try (Stream<Path> files = Files.list(models)) {
            for (Path f :
                    (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                assertFalse(
                        Files.readString(f).contains("dev.spikeforge.proto"),
                        f + " uses the proto messages");
            }
        }
    }
}
