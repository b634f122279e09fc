package dev.spikeforge.compiler.profile;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CostModel;
import dev.spikeforge.proto.Figure;
import dev.spikeforge.proto.FigureStatus;
import dev.spikeforge.proto.Pacing;
import dev.spikeforge.proto.SyncTime;
import dev.spikeforge.proto.artifact.JsonForm;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChipProfilesTest {
    @TempDir Path dir;

    @Test
    void shippedProfilesAreListedAndAllLoad() {
        assertEquals(
                List.of("loihi1", "loihi2", "truenorth", "spinnaker1", "xylo", "speck", "generic"),
                ChipProfiles.shippedNames());
        for (String name : ChipProfiles.shippedNames()) {
            ChipProfile p = ChipProfiles.load(name);
            assertEquals(name, p.getName());
            assertFalse(p.getSourcesList().isEmpty(), name + " cites its sources");
        }
    }

    @Test
    void loihi1HoldsThePublishedFigures() {
        ChipProfile p = ChipProfiles.loadDefault();
        assertEquals("loihi1", p.getName());
        assertEquals(1024, p.getNeuronsPerCore());
        assertEquals(4096, p.getInputAxonsPerCore());
        assertEquals(4096, p.getOutputAxonsPerCore());
        assertEquals(1_048_576L, p.getSynapseMemoryBitsPerCore());
        assertEquals(128, p.getCoresPerChip());
        assertEquals(128, p.getMeshWidth() * p.getMeshHeight());
        assertEquals(8, p.getWeightBits());
        // Per event: SANA-FE's calibrated Loihi figures, with Davies et al. 2018 Table 2 inside the
        // ranges.
        CostModel c = p.getCost();
        assertEquals(35.5e-12, c.getSynapticOpDense().getEnergyJ().getValue(), 1e-18);
        assertEquals(
                23.6e-12,
                c.getSynapticOpDense().getEnergyJ().getLow(),
                1e-18); // Davies: 23.6 pJ (min)
        assertEquals(3.8e-9, c.getSynapticOpDense().getLatencyS().getValue(), 1e-15);
        assertEquals(51.2e-12, c.getNeuronAccess().getEnergyJ().getValue(), 1e-18);
        assertEquals(
                29e-12, c.getNeuronUpdate().getEnergyJ().getHigh(), 1e-18); // Davies: 81 - 52 pJ
        assertEquals(111e-12, c.getMessageOut().getEnergyJ().getValue(), 1e-18);
        assertEquals(3.0e-12, c.getHopX().getEnergyJ().getValue(), 1e-18);
        assertEquals(4.2e-12, c.getHopY().getEnergyJ().getValue(), 1e-18);
        assertEquals(Pacing.FREE_RUNNING, c.getPacing());
        assertEquals(
                List.of(1, 2, 4, 29), c.getSyncList().stream().map(SyncTime::getTiles).toList());
        assertEquals(1.8e-6, c.getSync(3).getSeconds().getValue(), 1e-15);
        assertEquals(FigureStatus.CALIBRATED, c.getSynapticOpDense().getEnergyJ().getStatus());
        assertTrue(
                c.getSynapticOpDense().getEnergyJ().getSource().contains("SANA-FE")
                        && c.getSynapticOpDense().getEnergyJ().getSource().contains("Davies"));
        assertEquals(0.029, c.getStaticPowerW().getValue(), 1e-12);
        assertEquals(1, p.getTileWidth());
        assertEquals(4, p.getTileHeight());
    }

    @Test
    void everyShippedFigureHasASourceAStatusAndARangeAroundIt() {
        for (String name : ChipProfiles.shippedNames()) {
            ChipProfile p = ChipProfiles.load(name);
            assertTrue(p.hasCost(), name + " has a cost model");
            assertFalse(p.hasEnergy(), name + " has no legacy energy block beside it");
            Map<String, Figure> figures = ChipCosts.of(p).figures();
            for (Map.Entry<String, Figure> e : figures.entrySet()) {
                Figure f = e.getValue();
                String where = name + " " + e.getKey();
                assertFalse(f.getSource().isBlank(), where + " names its source");
                assertTrue(
                        f.getLow() <= f.getValue() && f.getValue() <= f.getHigh(),
                        where + " lies in its range");
                if (f.getStatus() == FigureStatus.ASSUMED)
                    assertTrue(
                            f.getSource().contains("ASSUMED"),
                            where + ": an assumed figure says so: " + f.getSource());
                else
                    assertFalse(
                            f.getSource().startsWith("ASSUMED"),
                            where + " is " + f.getStatus() + " but its source calls it assumed");
            }
        }
    }

    @Test
    void aUserProfileLoadsByPath() throws IOException {
        ChipProfile mine =
                ChipProfiles.load("generic").toBuilder().setName("mine").setChips(9).build();
        Path file = dir.resolve("mine.json");
        Files.writeString(file, JsonForm.toJson(mine));
        assertEquals(mine, ChipProfiles.load(file.toString()));
        assertEquals(mine, ChipProfiles.load(file));
    }

    @Test
    void anInvalidFieldIsNamedWithTheFile() throws IOException {
        String json =
                JsonForm.toJson(ChipProfiles.loadDefault())
                        .replace("\"neurons_per_core\": 1024", "\"neurons_per_core\": 0");
        Path file = write("bad.json", json);
        ProfileException e =
                assertThrows(ProfileException.class, () -> ChipProfiles.load(file.toString()));
        assertEquals(List.of("neurons_per_core"), e.fields());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("neurons_per_core"), e.getMessage());
    }

    @Test
    void everyInvalidFieldIsListed() throws IOException {
        Path file =
                write(
                        "sparse.json",
                        "{\"name\": \"sparse\", \"weightBits\": 8, \"energy\": {\"hopJ\": -1}}");
        ProfileException e = assertThrows(ProfileException.class, () -> ChipProfiles.load(file));
        assertTrue(
                e.fields()
                        .containsAll(
                                List.of(
                                        "neurons_per_core",
                                        "synapse_memory_bits_per_core",
                                        "chips",
                                        "energy.hop_j",
                                        "energy.step_seconds")),
                e.fields().toString());
    }

    @Test
    void anUnknownFieldIsNamedWithTheFile() throws IOException {
        Path file = write("typo.json", "{\"name\": \"x\", \"neuronsPerCor\": 1024}");
        ProfileException e = assertThrows(ProfileException.class, () -> ChipProfiles.load(file));
        assertEquals(List.of("neuronsPerCor"), e.fields());
        assertTrue(
                e.getMessage().startsWith(file.toString())
                        && e.getMessage().contains("neuronsPerCor"),
                e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithTheFile() throws IOException {
        Path file =
                write("negative.json", "{\"name\": \"x\", \"chips\": 2, \"neurons_per_core\": -3}");
        ProfileException e = assertThrows(ProfileException.class, () -> ChipProfiles.load(file));
        assertEquals(List.of("neurons_per_core"), e.fields());
        assertTrue(e.getMessage().contains("neurons_per_core"), e.getMessage());
    }

    @Test
    void trailingContentAfterTheProfileIsRefusedAsForArtifacts() throws IOException {
        Path file = write("trailing.json", "{\"name\": \"x\"}\n} garbage");
        ProfileException e = assertThrows(ProfileException.class, () -> ChipProfiles.load(file));
        assertTrue(
                e.getMessage().startsWith(file.toString())
                        && e.getMessage().contains("unexpected content after the JSON object"),
                e.getMessage());
    }

    @Test
    void notJsonIsReportedWithTheFile() throws IOException {
        Path file = write("garbage.json", "this is not json");
        ProfileException e = assertThrows(ProfileException.class, () -> ChipProfiles.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheShippedProfiles() {
        ProfileException e =
                assertThrows(ProfileException.class, () -> ChipProfiles.load("loihi9"));
        assertTrue(
                e.getMessage().contains("loihi1") && e.getMessage().contains("generic"),
                e.getMessage());
    }

    @Test
    void aMeshTooSmallForTheCoresIsRejected() {
        ChipProfile p = ChipProfiles.loadDefault().toBuilder().setMeshHeight(8).build();
        ProfileException e =
                assertThrows(ProfileException.class, () -> ProfileValidator.validate(p, "test"));
        assertEquals(List.of("mesh_width"), e.fields());
    }

    private Path write(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }
}
