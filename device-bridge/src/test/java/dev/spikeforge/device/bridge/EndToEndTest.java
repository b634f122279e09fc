package dev.spikeforge.device.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.device.bridge.client.ClientOptions;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.client.DeviceSampleRunner;
import dev.spikeforge.device.bridge.device.CostWire;
import dev.spikeforge.device.bridge.device.CounterTotals;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.runtime.sim.cost.ChipClock;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;
import dev.spikeforge.runtime.sim.run.SampleResult;
import dev.spikeforge.runtime.sim.run.SampleRunner;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge answers exactly what the in-process simulator computes: outputs, counters and energy,
 * bit for bit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    private EmulatedChipServer server;
    private InetSocketAddress at;

    @BeforeAll
    void start() {
        server = new EmulatedChipServer();
        at = server.start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyStepTelemetryAndEnergyMatchTheSimulator() {
        CompiledNetwork net = TestNetworks.readoutNetwork(11);
        Random r = new Random(5);
        try (DeviceClient chip = DeviceClient.connect("127.0.0.1", at.getPort())) {
            assertEquals(BridgeProtocol.VERSION, chip.serverHello().getProtocolVersion());
            assertFalse(chip.serverHello().getSessionId().isEmpty());
            LoadAck ack = chip.load(net);
            assertEquals(net.getName(), ack.getNetwork());
            assertEquals(8, ack.getInputs());
            assertEquals(3, ack.getOutputs());
            assertEquals(3, ack.getCores());

            ActivityCounters sinceLoad = null;
            ChipClock clockSinceLoad = null;
            long hiddenSpikes = 0;
            boolean readoutMoved = false;
            for (int sample = 0; sample < 4; sample++) {
                // The first sample runs straight after load, the others after a Reset: both start
                // from a clean chip.
                if (sample > 0) chip.reset();
                Simulator ref =
                        new Simulator(
                                net); // a fresh simulator: clean state and counters, like a Reset
                SpikeTrain train = TestNetworks.randomTrain(r, 8, 25, 0.3);
                for (int t = 0; t < train.steps(); t++) {
                    int[] in = train.spikesPerStep()[t];
                    CounterTotals before = CounterTotals.of(ref.counters());
                    StepOutput want = ref.step(in, in.length);
                    CounterTotals wantCounters = CounterTotals.of(ref.counters()).minus(before);

                    OutputStep got = chip.step(t, in);
                    assertEquals(t, got.getStep());
                    assertArrayEquals(
                            want.spikesCopy(),
                            got.getSpikesList().stream().mapToInt(Integer::intValue).toArray(),
                            "spikes at step " + t);
                    assertArrayEquals(
                            want.readout(),
                            got.getReadoutList().stream().mapToInt(Integer::intValue).toArray(),
                            "readout at step " + t);
                    assertEquals(
                            wantCounters,
                            CounterTotals.of(got.getCounters()),
                            "counters at step " + t);
                    readoutMoved |= Arrays.stream(want.readout()).anyMatch(v -> v != 0);
                }
                ActivityCounters c = ref.counters();
                hiddenSpikes += c.totalSpikes();
                if (sinceLoad == null) {
                    sinceLoad = c.copy();
                    clockSinceLoad = ref.clock().emptyCopy();
                } else sinceLoad.add(c);
                clockSinceLoad.add(ref.clock());

                Telemetry tel = chip.telemetry();
                assertEquals(CounterTotals.of(c), CounterTotals.of(tel.getTotal()));
                assertEquals(c.cores(), tel.getPerCoreCount());
                for (int k = 0; k < c.cores(); k++) {
                    assertEquals(
                            CounterTotals.ofCore(c, k),
                            CounterTotals.of(tel.getPerCore(k)),
                            "core " + k);
                }
                EnergyReport e =
                        EnergyBreakdown.of(
                                        ref.model(),
                                        c,
                                        ref.clock().report(1),
                                        1,
                                        AnnComparison.FP32_MAC_J)
                                .total();
                assertEquals(e.totalJ(), tel.getEnergyJ(), 0.0);
                assertEquals(e.dynamicJ(), tel.getDynamicEnergyJ(), 0.0);
                assertEquals(e.staticJ(), tel.getStaticEnergyJ(), 0.0);
                assertEquals(CounterTotals.of(sinceLoad), CounterTotals.of(tel.getCumulative()));
                EnergyBreakdown all =
                        EnergyBreakdown.of(
                                ref.model(),
                                sinceLoad,
                                clockSinceLoad.report(1),
                                1,
                                AnnComparison.FP32_MAC_J);
                assertEquals(all.total().totalJ(), tel.getCumulativeEnergyJ(), 0.0);
                // The cost counts on the wire price to the same energy on the client, and carry the
                // chip time.
                assertEquals(
                        e.totalJ(),
                        CostWire.report(tel.getCosts(), ref.model().costs()).totalJ(),
                        e.totalJ() * 1e-12);
                assertEquals(
                        ref.clock().report(1).chipSeconds(),
                        CostWire.chipTime(tel.getCosts())[0],
                        0.0);
                assertEquals(
                        all.timing().chipSeconds(),
                        CostWire.chipTime(tel.getCumulativeCosts())[0],
                        0.0);
                assertTrue(tel.getEnergyJ() > 0);
            }
            // Otherwise the comparison above would prove little.
            assertTrue(hiddenSpikes > 50, "hidden layer spiked " + hiddenSpikes + " times");
            assertTrue(readoutMoved);
        }
    }

    @Test
    void gradedInputCarriesItsPayloadsAndPricesLikeTheSimulator() {
        CompiledNetwork net = TestNetworks.gradedReadoutNetwork(12);
        Random r = new Random(21);
        try (DeviceClient chip = DeviceClient.connect("127.0.0.1", at.getPort())) {
            chip.load(net);
            DeviceSampleRunner runner = new DeviceSampleRunner(chip);
            Simulator ref = new Simulator(net);
            boolean payloadsMatter = false;
            for (int i = 0; i < 4; i++) {
                SpikeTrain train = TestNetworks.randomGradedTrain(r, 8, 12, 0.4);
                SampleResult want = SampleRunner.run(ref, train, 14);
                assertArrayEquals(want.scores(), runner.run(train, 14).scores(), "sample " + i);
                // The same spikes with payload 1 score differently, so the payloads really crossed
                // the wire.
                SampleResult ones =
                        SampleRunner.run(
                                new Simulator(net), new SpikeTrain(8, train.spikesPerStep()), 14);
                payloadsMatter |= !Arrays.equals(ones.scores(), want.scores());
            }
            assertTrue(payloadsMatter);
            // One more sample's energy, graded messages included, is what a fresh simulator prices.
            SpikeTrain last = TestNetworks.randomGradedTrain(r, 8, 12, 0.4);
            Simulator fresh = new Simulator(net);
            SampleRunner.run(fresh, last, 14);
            runner.run(last, 14);
            Telemetry tel = chip.telemetry();
            EnergyReport e =
                    EnergyBreakdown.of(
                                    fresh.model(),
                                    fresh.counters(),
                                    fresh.clock().report(1),
                                    1,
                                    AnnComparison.FP32_MAC_J)
                            .total();
            assertEquals(e.totalJ(), tel.getEnergyJ(), 0.0);
            assertTrue(
                    fresh.counters().total(dev.spikeforge.runtime.sim.cost.EventKind.GRADED_MESSAGE)
                            > 0);

            chip.reset();
            DeviceException wide =
                    assertThrows(
                            DeviceException.class,
                            () -> chip.step(0, new int[] {3}, new int[] {128}));
            assertEquals(dev.spikeforge.proto.ErrorCode.INVALID_INPUT, wide.code());
            assertTrue(
                    wide.detail().contains("payload 128") && wide.detail().contains("8-bit"),
                    wide.detail());
        }
    }

    @Test
    void sampleRunnerClassifiesLikeTheSimulator() {
        Random r = new Random(9);
        for (CompiledNetwork net :
                new CompiledNetwork[] {
                    TestNetworks.readoutNetwork(3), TestNetworks.spikingNetwork(4)
                }) {
            Simulator ref = new Simulator(net);
            try (DeviceClient chip = DeviceClient.connect("127.0.0.1", at.getPort())) {
                chip.load(net);
                DeviceSampleRunner runner = new DeviceSampleRunner(chip);
                for (int i = 0; i < 6; i++) {
                    SpikeTrain train = TestNetworks.randomTrain(r, net.getInputSize(), 15, 0.35);
                    int steps = 20; // longer than the train: the last steps run without input
                    SampleResult want = SampleRunner.run(ref, train, steps);
                    SampleResult got = runner.run(train, steps);
                    assertArrayEquals(want.scores(), got.scores(), net.getName() + " sample " + i);
                    assertEquals(want.prediction(), got.prediction());
                    assertEquals(want.outputSpikes(), got.outputSpikes());
                }
                assertEquals(
                        CounterTotals.of(ref.counters()),
                        CounterTotals.of(chip.telemetry().getCumulative()));
            }
        }
    }

    @Test
    void anArtifactFileIsUploadedAsIs(@TempDir Path dir) throws Exception {
        CompiledNetwork net = TestNetworks.spikingNetwork(21);
        Path file = dir.resolve("net.sfcn");
        ArtifactFiles.write(file, net);
        try (DeviceClient chip = DeviceClient.connect("127.0.0.1", at.getPort())) {
            assertEquals(net.getName(), chip.loadArtifact(Files.readAllBytes(file)).getNetwork());
            assertEquals(0, chip.step(0, new int[] {0, 4}).getStep());
        }
    }

    @Test
    void largeUploadsAreSplitIntoChunks() {
        CompiledNetwork net = TestNetworks.readoutNetwork(2);
        var small = ClientOptions.defaults().withChunkBytes(37);
        try (DeviceClient chip = DeviceClient.connect("127.0.0.1", at.getPort(), small)) {
            assertEquals(net.getName(), chip.load(net).getNetwork());
            Simulator ref = new Simulator(net);
            int[] in = {1, 2, 7};
            StepOutput want = ref.step(in, in.length);
            assertArrayEquals(
                    want.readout(),
                    chip.step(0, in).getReadoutList().stream()
                            .mapToInt(Integer::intValue)
                            .toArray());
        }
    }
}
