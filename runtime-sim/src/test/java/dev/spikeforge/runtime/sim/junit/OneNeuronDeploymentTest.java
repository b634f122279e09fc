package dev.spikeforge.runtime.sim.junit;

// The README's example test, verbatim below the package line (ReadmeExampleIsThisTest keeps the two
// in sync).
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.runtime.sim.chip.ChipRun;
import dev.spikeforge.runtime.sim.chip.EmulatedChip;
import dev.spikeforge.runtime.sim.chip.SpikeEvent;
import dev.spikeforge.runtime.sim.chip.SpikeInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneNeuronDeploymentTest {

    @Test
    void spikesOnSteps3And6AndCostsWhatTheProfileSays(
            @SimulatedDeployment(
                            value = "classpath:networks/one-neuron.json",
                            probes = "n",
                            record = "spikes,voltage")
                    EmulatedChip chip) {
        // input axon 0 spikes on steps 0..6; every connection delays by one step
        ChipRun run = chip.run(SpikeInput.builder(chip.inputs()).every(0, 7, 0).build());

        assertEquals(List.of(new SpikeEvent(3, 0), new SpikeEvent(6, 0)), run.outputSpikes());
        assertArrayEquals(new int[] {0, 640, 1280, 0, 640, 1280, 0}, run.voltage("n", 0));
        assertEquals(7, run.synapticOps());
        assertEquals(2, run.spikeCount("n"));
        // 7 synaptic ops × 23.6 pJ + 2 spikes × 1.7 pJ, the figures of the network's profile
        assertEquals(7 * 23.6e-12 + 2 * 1.7e-12, run.energyJ(), 1e-18);
    }
}
