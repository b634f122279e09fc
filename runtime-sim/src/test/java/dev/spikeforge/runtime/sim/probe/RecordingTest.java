package dev.spikeforge.runtime.sim.probe;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.runtime.sim.chip.ChipRun;
import dev.spikeforge.runtime.sim.chip.EmulatedChip;
import dev.spikeforge.runtime.sim.chip.SpikeInput;
import dev.spikeforge.runtime.sim.io.SpikeFiles;
import dev.spikeforge.runtime.sim.plot.EnergyPlot;
import dev.spikeforge.runtime.sim.plot.RasterPlot;
import dev.spikeforge.runtime.sim.plot.TracePlot;
import dev.spikeforge.runtime.sim.testing.Nets;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {
    @TempDir Path dir;

    private ChipRun run() {
        CompiledNetwork net =
                Nets.random(
                        4, new int[] {40, 80, 10}, 0.3, 60, false, 0, 0, NeuronModel.CUBA_LIF, 32);
        EmulatedChip chip =
                EmulatedChip.of(net)
                        .record(
                                Probe.parse(
                                        "L1:0-4,70",
                                        EnumSet.of(Signal.SPIKES, Signal.VOLTAGE, Signal.CURRENT)),
                                Probe.spikes("L2"));
        return chip.run(SpikeInput.bernoulli(40, 30, 0.25, 1));
    }

    @Test
    void probesRecordWhatTheSimulatorHeld() {
        ChipRun r = run();
        ProbeRecording hidden = r.recording().of("L1");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 70}, hidden.neurons());
        assertEquals(30, hidden.steps());
        assertTrue(hidden.spikeCount() > 0, "recorded neurons must spike");
        // every recorded spike resets v to 0 (reset to zero or by subtraction leaves v ≤ threshold)
        ProbeRecording out = r.recording().of("L2");
        assertEquals(r.outputSpikeCount(), out.spikeCount());
        for (int k = 0; k < out.spikeCount(); k++) {
            assertEquals(r.outputSpikes().get(k).step(), out.spikeStep(k));
            assertEquals(r.outputSpikes().get(k).neuron(), out.spikeNeuron(k));
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> out.trace(Signal.VOLTAGE, 0));
        assertTrue(e.getMessage().contains("did not record voltage"), e.getMessage());
    }

    @Test
    void csvAndJsonCarryTheSameNumbers() throws Exception {
        ChipRun r = run();
        List<Path> files = RecordingFiles.writeAll(r.recording(), dir);
        assertEquals(
                List.of("spikes.csv", "voltage.csv", "current.csv", "recording.json"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        List<String> spikes = Files.readAllLines(dir.resolve("spikes.csv"));
        assertEquals("step,layer,neuron", spikes.get(0));
        assertEquals(
                r.recording().of("L1").spikeCount() + r.recording().of("L2").spikeCount(),
                spikes.size() - 1);
        List<String> volt = Files.readAllLines(dir.resolve("voltage.csv"));
        assertEquals("step,L1[0],L1[1],L1[2],L1[3],L1[4],L1[70]", volt.get(0));
        int[] v70 = r.voltage("L1", 70);
        for (int t = 0; t < 30; t++) {
            String[] f = volt.get(t + 1).split(",");
            assertEquals(t, Integer.parseInt(f[0]));
            assertEquals(v70[t], Integer.parseInt(f[6]), "step " + t);
        }
        String json = Files.readString(dir.resolve("recording.json"));
        assertTrue(
                json.contains("\"layer\": \"L1\"") && json.contains("\"neurons\": [0,1,2,3,4,70]"),
                json.substring(0, 200));
    }

    @Test
    void outputSpikeFilesReadBackAsInput() {
        ChipRun r = run();
        List<int[]> events = new ArrayList<>(List.of(r.outputSpikePairs()));
        for (String name : new String[] {"out.csv", "out.jsonl"}) {
            Path f = dir.resolve(name);
            SpikeFiles.write(f, events);
            var train = SpikeFiles.read(f, 10, 30).train();
            List<int[]> back = new ArrayList<>();
            for (int t = 0; t < 30; t++)
                for (int n : train.spikesPerStep()[t]) back.add(new int[] {t, n});
            assertEquals(events.size(), back.size(), name);
            for (int k = 0; k < events.size(); k++)
                assertArrayEquals(events.get(k), back.get(k), name);
        }
    }

    @Test
    void activityPerStepAndCoreAddsUpToTheRunsCounters() {
        CompiledNetwork net =
                Nets.random(
                        8, new int[] {40, 80, 10}, 0.3, 60, false, 0, 0, NeuronModel.CUBA_LIF, 32);
        ChipRun r =
                EmulatedChip.of(net).recordActivity().run(SpikeInput.bernoulli(40, 30, 0.25, 2));
        ActivityTrace a = r.recording().activity();
        assertEquals(30, a.steps());
        long ops = 0, spikes = 0, updates = 0, hops = 0;
        for (int t = 0; t < 30; t++) {
            ops += a.total(t, 0);
            spikes += a.total(t, 1);
            updates += a.total(t, 2);
            hops += a.total(t, 3);
        }
        assertEquals(r.synapticOps(), ops);
        assertEquals(r.spikeCount(), spikes);
        assertEquals(r.neuronUpdates(), updates);
        assertEquals(r.hops(), hops);
        for (int k = 0; k < a.cores(); k++) {
            long perCore = 0;
            for (int t = 0; t < 30; t++) perCore += a.count(t, k, 0);
            assertEquals(r.counters().synapticOps(k), perCore, "core " + k);
        }
    }

    @Test
    void plotsAreWrittenAsPngs() throws Exception {
        ChipRun r = run();
        for (Path p :
                List.of(
                        RasterPlot.write(r.recording(), dir.resolve("raster.png")),
                        TracePlot.write(r.recording(), Signal.VOLTAGE, dir.resolve("voltage.png")),
                        EnergyPlot.write(r.energy(), dir.resolve("energy.png")))) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertNotNull(img, p + " must be a readable PNG");
            assertEquals(1000, img.getWidth());
            assertEquals(600, img.getHeight());
        }
    }
}
