package dev.spikeforge.device.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.device.bridge.DeviceConnectionException;
import dev.spikeforge.device.bridge.TestNetworks;
import dev.spikeforge.device.bridge.device.AdapterDevice;
import dev.spikeforge.device.bridge.device.ChipDevice;
import dev.spikeforge.device.bridge.device.SimulatorChipAdapter;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Telemetry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request the device does not answer fails after the client's request timeout, and frees its
 * place.
 */
class RequestTimeoutTest {
    private final CompiledNetwork net = TestNetworks.readoutNetwork(3);

    @Test
    void anUnansweredStepTimesOutAndFreesItsPlace() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // A device whose steps hang until released (the server's own request timeout is far off).
        ServerOptions so = ServerOptions.defaults().withRequestTimeout(Duration.ofSeconds(60));
        try (EmulatedChipServer server =
                new EmulatedChipServer(so, () -> new HangingDevice(release))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            ClientOptions co =
                    ClientOptions.defaults()
                            .withWindow(1)
                            .withRequestTimeout(Duration.ofMillis(2000))
                            .withRetry(RetryPolicy.none());
            try (DeviceClient chip = DeviceClient.connect("127.0.0.1", at.getPort(), co)) {
                chip.load(net);
                long t0 = System.nanoTime();
                CompletableFuture<OutputStep> first = chip.stepAsync(0, new int[] {1});
                DeviceConnectionException e =
                        assertThrows(
                                DeviceConnectionException.class, () -> DeviceClient.join(first));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(e.getMessage().contains("request timeout"), e.getMessage());
                assertTrue(ms >= 1990 && ms < 10_000, "timed out after " + ms + " ms");
                // Its place in the window (of 1) is free again: the next request is sent, not
                // refused for room.
                release.countDown();
                assertEquals(1, chip.step(1, new int[] {2}).getStep());
            }
        }
    }

    /** The simulator, with steps that wait for a latch first. */
    private static final class HangingDevice implements ChipDevice {
        private final ChipDevice inner = new AdapterDevice(new SimulatorChipAdapter());
        private final CountDownLatch release;

        HangingDevice(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public String profile() {
            return inner.profile();
        }

        @Override
        public LoadAck load(CompiledNetwork network) {
            return inner.load(network);
        }

        @Override
        public void reset() {
            inner.reset();
        }

        @Override
        public OutputStep step(InputStep input) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.step(input);
        }

        @Override
        public Telemetry telemetry() {
            return inner.telemetry();
        }
    }
}
