package dev.spikeforge.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.layers.InvalidNetworkException;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.compiler.profile.ProfileException;
import dev.spikeforge.compiler.quantize.Rounding;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.proto.artifact.JsonForm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerTest {
    @TempDir Path dir;

    static TrainedNetwork mnistLike() {
        return Fixtures.network(
                784,
                25,
                Fixtures.randomDense("hidden", 200, 784, 1),
                Fixtures.readout("out", 10, 200, Fixtures.random(2000, 2)));
    }

    @Test
    void compiledNetworkSurvivesTheJsonRoundTrip() {
        CompiledNetwork c = Compiler.compile(mnistLike(), ChipProfiles.loadDefault());
        String json = JsonForm.toJson(c);
        CompiledNetwork back =
                JsonForm.fromJson(Path.of("roundtrip.json"), json, ArtifactKind.COMPILED_NETWORK);
        assertEquals(c, back);
    }

    @Test
    void compiledNetworkSurvivesTheArtifactFile() {
        CompiledNetwork c = Compiler.compile(mnistLike(), ChipProfiles.loadDefault());
        Path file = dir.resolve("net.sfcn");
        ArtifactFiles.write(file, c);
        assertEquals(c, ArtifactFiles.read(file, ArtifactKind.COMPILED_NETWORK));
    }

    @Test
    void compiledNetworkCarriesTheProfileInputAndLayers() {
        TrainedNetwork net = mnistLike();
        ChipProfile p = ChipProfiles.loadDefault();
        CompiledNetwork c = Compiler.compile(net, p);
        assertEquals(net.getName(), c.getName());
        assertEquals(p, c.getProfile());
        assertEquals(net.getInput(), c.getInput());
        assertEquals(784, c.getInputSize());
        assertEquals(2, c.getLayersCount());
        assertEquals(-1, c.getLayers(0).getSource());
        assertEquals(0, c.getLayers(1).getSource());
        assertEquals(200 * 784, c.getLayers(0).getWeightsCount());
        assertEquals(200, c.getLayers(0).getBiasMantCount());
        assertTrue(c.getLayers(1).getNeuron().getReadout());
        assertEquals(2, c.getReport().getLayersCount());
        assertEquals("hidden", c.getReport().getLayers(0).getLayer());
        assertEquals(
                3,
                c.getReport().getCoresUsed()); // 2 for hidden (synapse memory), 1 for the readout
        // routes: host -> 2 hidden cores, 2 hidden cores -> readout core
        assertEquals(4, c.getRoutesCount());
    }

    @Test
    void fewerWeightBitsThanTheProfileAreHonoured() {
        CompiledNetwork c =
                Compiler.compile(
                        mnistLike(),
                        ChipProfiles.loadDefault(),
                        CompileOptions.defaults()
                                .withWeightBits(4)
                                .withRounding(Rounding.TOWARD_ZERO));
        assertEquals(4, c.getLayers(0).getWeightBits());
        assertTrue(c.getLayers(0).getWeightsList().stream().allMatch(w -> Math.abs(w) <= 7));
        // 784 x 4 bits per neuron: 334 neurons per core, so the 200 hidden neurons fit one core.
        assertEquals(2, c.getCoresCount());
    }

    @Test
    void malformedNetworksListEveryProblem() {
        TrainedNetwork bad =
                Fixtures.network(
                        5,
                        10,
                        Fixtures.randomDense("a", 3, 4, 1),
                        Fixtures.randomDense("b", 2, 3, 2).toBuilder()
                                .setKind(LayerKind.CONV_LIF)
                                .build());
        InvalidNetworkException e =
                assertThrows(
                        InvalidNetworkException.class,
                        () -> Compiler.compile(bad, ChipProfiles.loadDefault()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "layer 0 'a' weights.shape gives fan-in 4, but the input has 5"
                                        + " values"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "layer 1 'b' conv is missing (a CONV_LIF layer needs its"
                                        + " geometry)"),
                e.getMessage());
    }

    @Test
    void aReadoutMustBeLast() {
        TrainedNetwork bad =
                Fixtures.network(
                        3,
                        10,
                        Fixtures.readout("r", 2, 3, Fixtures.random(6, 1)),
                        Fixtures.randomDense("after", 2, 2, 2));
        InvalidNetworkException e =
                assertThrows(
                        InvalidNetworkException.class,
                        () -> Compiler.compile(bad, ChipProfiles.loadDefault()));
        assertTrue(e.getMessage().contains("must be the last layer"), e.getMessage());
    }

    @Test
    void anInvalidProfileObjectIsRejectedByName() {
        ChipProfile p = ChipProfiles.loadDefault().toBuilder().setChips(0).build();
        ProfileException e =
                assertThrows(ProfileException.class, () -> Compiler.compile(mnistLike(), p));
        assertTrue(
                e.getMessage().contains("loihi1") && e.getMessage().contains("chips"),
                e.getMessage());
    }
}
