package dev.spikeforge.runtime.sim.chip;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.runtime.sim.junit.SimulatedDeployment;
import dev.spikeforge.runtime.sim.probe.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API as a user's test would use it, through the JUnit extension. xor-ish.json:
 * hidden n0 = 30·x0 + 30·x1 (fires only when both inputs spike: 3840 > 3200), n1 = 60·x0 (fires on
 * x0: 3840 > 3200); out = 100·n1 − 100·n0 fires for "x0 and not x1", two steps after the input.
 */
class EmulatedChipTest {
    @SimulatedDeployment(
            value = "classpath:networks/xor-ish.json",
            probes = "hidden",
            record = "spikes,voltage")
    EmulatedChip field;

    @Test
    void outputSpikesFollowTheLogicTwoStepsLater(
            @SimulatedDeployment("classpath:networks/xor-ish.json") EmulatedChip chip) {
        SpikeInput in = SpikeInput.builder(2).at(0, 0).at(3, 0, 1).at(6, 1).steps(10).build();
        ChipRun run = chip.run(in);
        assertEquals(List.of(new SpikeEvent(2, 0)), run.outputSpikes());
        assertEquals(0, run.prediction());
        // hidden: n1 at 1, n0 and n1 at 4; out at 2
        assertEquals(3, run.spikeCount("hidden"));
        assertEquals(1, run.spikeCount("out"));
        // ops: inputs (0: 2 synapses) + (3: 2 + 1) + (6: 1) = 6 onto hidden; hidden spikes: 3 × 1
        // onto out = 3
        assertEquals(9, run.synapticOps());
        // hops: 4 input spikes × 1 + 3 hidden spikes × 2
        assertEquals(4 + 6, run.hops());
    }

    @Test
    void energyIsTheCountsTimesTheProfile(
            @SimulatedDeployment("classpath:networks/xor-ish.json") EmulatedChip chip) {
        ChipRun run = chip.run(SpikeInput.builder(2).at(0, 0).steps(4).build());
        // 2 synaptic ops on core 0 + 1 on core 1; spikes: n1 (core 0) and out (core 1); hops 1 + 2
        long updates = run.neuronUpdates();
        double expected = 3 * 2e-12 + 2 * 3e-12 + updates * 5e-12 + 3 * 7e-12 + 2 * 1e-3 * 4 * 1e-6;
        assertEquals(expected, run.energyJ(), 1e-24);
        assertEquals(run.energyJ(), run.energy().sumOfParts(), 1e-24);
        assertEquals(2 * 2 + 2 * 1, run.energy().ann().macsPerInference());
    }

    @Test
    void fieldsGetAChipWithTheDeclaredProbes() {
        ChipRun run = field.run(SpikeInput.builder(2).at(0, 0).steps(3).build());
        // n1 gets 60 << 6 = 3840 on step 1 and fires (v resets to 0); n0 gets nothing
        assertArrayEquals(new int[] {0, 0, 0}, run.voltage("hidden", 1));
        assertArrayEquals(new int[][] {{1, 1}}, run.recording().of("hidden").spikes());
    }

    @Test
    void theDocumentedOneNeuronNetworkSpikesOnSteps3And6(
            @SimulatedDeployment("classpath:networks/one-neuron.json") EmulatedChip chip) {
        chip.record(Probe.voltage("n"));
        ChipRun run = chip.run(SpikeInput.builder(1).every(0, 7, 0).build());
        assertEquals(List.of(new SpikeEvent(3, 0), new SpikeEvent(6, 0)), run.outputSpikes());
        assertArrayEquals(new int[] {0, 640, 1280, 0, 640, 1280, 0}, run.voltage("n", 0));
        assertEquals(7 * 2.36e-11 + 2 * 1.7e-12, run.energyJ(), 1e-20);
    }

    @Test
    void loadsArtifactsAndJsonFromFilesAndNamesWhatIsWrong(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("n.json");
        try (var in = getClass().getClassLoader().getResourceAsStream("networks/one-neuron.json")) {
            Files.write(json, in.readAllBytes());
        }
        Path sfc = dir.resolve("n.sfc");
        dev.spikeforge.proto.artifact.ArtifactFiles.write(sfc, NetworkFiles.load(json));
        SpikeInput in = SpikeInput.builder(1).every(0, 7, 0).build();
        assertEquals(
                EmulatedChip.load(json).run(in).outputSpikes(),
                EmulatedChip.load(sfc).run(in).outputSpikes());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EmulatedChip.load(dir.resolve("missing.sfc")));
        assertTrue(e.getMessage().contains("missing.sfc"), e.getMessage());
        IllegalArgumentException p =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EmulatedChip.load(json).record(Probe.voltage("hidden")));
        assertTrue(
                p.getMessage().contains("no layer named 'hidden'")
                        && p.getMessage().contains("[n]"),
                p.getMessage());
        IllegalArgumentException w =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EmulatedChip.load(json).run(SpikeInput.silent(3, 2)));
        assertTrue(w.getMessage().contains("3 axons"), w.getMessage());
    }
}
