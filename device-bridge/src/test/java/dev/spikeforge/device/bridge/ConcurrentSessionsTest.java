package dev.spikeforge.device.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.device.bridge.bench.BridgeBench;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.device.CounterTotals;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sessions on one server have their own device: interleaved steps never see each other's network or
 * state.
 */
class ConcurrentSessionsTest {

    @Test
    void twoSessionsWithDifferentNetworksStayIsolated() throws Exception {
        // Two device threads so both sessions really run at the same time.
        try (EmulatedChipServer server =
                new EmulatedChipServer(ServerOptions.defaults().withThreads(1, 2))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            CompiledNetwork a = TestNetworks.readoutNetwork(101);
            CompiledNetwork b = TestNetworks.spikingNetwork(202);
            CyclicBarrier inStep = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Long>> runs =
                        List.of(
                                pool.submit(() -> drive(at, a, 1, inStep)),
                                pool.submit(() -> drive(at, b, 2, inStep)));
                for (Future<Long> run : runs) run.get(20, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, waitForNoSessions(server));
        }
    }

    /**
     * Runs samples on one session, step by step in lockstep with the other session, checking every
     * output.
     */
    private static long drive(
            InetSocketAddress at, CompiledNetwork net, long seed, CyclicBarrier lockstep)
            throws Exception {
        Random r = new Random(seed);
        long steps = 0;
        try (DeviceClient chip = DeviceClient.connect("127.0.0.1", at.getPort())) {
            assertEquals(net.getName(), chip.load(net).getNetwork());
            for (int sample = 0; sample < 5; sample++) {
                chip.reset();
                Simulator ref = new Simulator(net);
                SpikeTrain train = TestNetworks.randomTrain(r, net.getInputSize(), 20, 0.4);
                for (int t = 0; t < train.steps(); t++) {
                    lockstep.await(5, TimeUnit.SECONDS);
                    int[] in = train.spikesPerStep()[t];
                    CounterTotals before = CounterTotals.of(ref.counters());
                    StepOutput want = ref.step(in, in.length);
                    OutputStep got = chip.step(t, in);
                    assertArrayEquals(
                            want.spikesCopy(),
                            got.getSpikesList().stream().mapToInt(Integer::intValue).toArray());
                    int[] readout =
                            got.getReadoutList().stream().mapToInt(Integer::intValue).toArray();
                    assertArrayEquals(want.hasReadout() ? want.readout() : new int[0], readout);
                    assertEquals(
                            CounterTotals.of(ref.counters()).minus(before),
                            CounterTotals.of(got.getCounters()));
                    steps++;
                }
                assertEquals(
                        CounterTotals.of(ref.counters()),
                        CounterTotals.of(chip.telemetry().getTotal()));
                assertEquals(ref.counters().cores(), chip.telemetry().getPerCoreCount());
            }
        }
        return steps;
    }

    @Test
    void sixtyFourSessionsAtOnceLoseDuplicateAndCrossNothing() throws Exception {
        // The bench itself, small: every reply of every session is checked against the simulator
        // afterwards.
        BridgeBench.Result r = BridgeBench.run(new BridgeBench.Config(64, 100, 40, 8, 16, 10, 3));
        assertEquals(64 * 100, r.totalSteps());
        assertEquals(0, r.lost(), "lost");
        assertEquals(0, r.duplicated(), "duplicated");
        assertEquals(0, r.crossed(), "crossed");
        assertEquals(
                64 * 110,
                r.server().steps(),
                "100 timed and 10 warm-up steps per session, each run once");
        assertEquals(64 * 110L * 40, r.server().inputEvents());

        assertEquals(0, r.server().errorCount(), r.server().errors().toString());
        assertTrue(r.outputEvents() > 0, "the output layer spiked");
    }

    private static int waitForNoSessions(EmulatedChipServer server) throws InterruptedException {
        for (int i = 0; i < 50 && server.activeSessions() > 0; i++) Thread.sleep(20);
        return server.activeSessions();
    }
}
