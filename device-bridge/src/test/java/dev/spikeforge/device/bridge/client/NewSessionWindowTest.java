package dev.spikeforge.device.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.device.bridge.Await;
import dev.spikeforge.device.bridge.CuttableProxy;
import dev.spikeforge.device.bridge.TestNetworks;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.OutputStep;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The request window across a reconnection that opens a new session (no resume): the reload and the
 * new window.
 */
class NewSessionWindowTest {
    private final CompiledNetwork net = TestNetworks.readoutNetwork(5);

    private static ClientOptions options() {
        return ClientOptions.defaults()
                .withRequestTimeout(Duration.ofSeconds(3))
                .withRetry(new RetryPolicy(40, Duration.ofMillis(5), Duration.ofMillis(50)));
    }

    @Test
    void theReloadIsNotStarvedByCallersHoldingTheWindow() throws Exception {
        // Window 1 and no resume: after the cut, the next step takes the only place and waits for
        // the new session,
        // whose network must be loaded again first. The reload must not wait for that place.
        ServerOptions so = ServerOptions.defaults().withResumeTimeout(Duration.ZERO).withWindow(1);
        try (EmulatedChipServer server = new EmulatedChipServer(so)) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (CuttableProxy proxy = new CuttableProxy(at);
                    DeviceClient chip =
                            DeviceClient.connect("127.0.0.1", proxy.port(), options())) {
                chip.load(net);
                proxy.cutAll();
                Await.until("the client saw the cut", () -> chip.remoteAddress() == null);
                List<CompletableFuture<OutputStep>> steps = new ArrayList<>();
                for (int t = 0; t < 3; t++) steps.add(chip.stepAsync(t, new int[] {t}));
                for (int t = 0; t < 3; t++)
                    assertEquals(t, DeviceClient.join(steps.get(t)).getStep());
                assertEquals(2, server.metrics().snapshot().sessionsOpened());
            }
        }
    }

    @Test
    void aNewSessionsWindowIsAdopted() throws Exception {
        ServerOptions so = ServerOptions.defaults().withResumeTimeout(Duration.ZERO).withWindow(4);
        EmulatedChipServer first = new EmulatedChipServer(so);
        int port = first.start("127.0.0.1", 0).getPort();
        ClientOptions co =
                options()
                        .withWindow(8)
                        .withRetry(
                                new RetryPolicy(200, Duration.ofMillis(5), Duration.ofMillis(50)));
        try (DeviceClient chip = DeviceClient.connect("127.0.0.1", port, co)) {
            assertEquals(4, chip.window(), "the device's window, below the client's own");
            chip.load(net);
            first.close();
            Await.until("the client saw the device go", () -> chip.remoteAddress() == null);
            // The device comes back with a smaller window: the client must keep to it on the new
            // session.
            try (EmulatedChipServer second = new EmulatedChipServer(so.withWindow(2))) {
                second.start("127.0.0.1", port);
                assertEquals(0, chip.step(0, new int[] {1}).getStep());
                assertEquals(1, second.metrics().snapshot().sessionsOpened());
                assertEquals(2, chip.window());
            }
        } finally {
            first.close();
        }
    }
}
