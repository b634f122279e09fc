package dev.spikeforge.device.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.device.bridge.client.ClientOptions;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.client.DeviceSampleRunner;
import dev.spikeforge.device.bridge.client.RetryPolicy;
import dev.spikeforge.device.bridge.codec.ArtifactBytes;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerMetrics;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.LoadChunk;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.TelemetryRequest;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.run.SampleResult;
import dev.spikeforge.runtime.sim.run.SampleRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Clients that die, servers that restart or shut down, peers that stop reading: over real loopback
 * connections.
 */
class FaultTest {
    private final CompiledNetwork net = TestNetworks.readoutNetwork(23);

    @Test
    void aClientKilledMidStreamHasItsSessionAndChipFreed() throws Exception {
        ServerOptions options = ServerOptions.defaults().withResumeTimeout(Duration.ofMillis(300));
        try (EmulatedChipServer server = new EmulatedChipServer(options)) {
            int port = server.start("127.0.0.1", 0).getPort();
            Process client =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    KilledClientMain.class.getName(),
                                    String.valueOf(port))
                            .redirectErrorStream(true)
                            .start();
            try (BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(
                                    client.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("streaming")) {
                    /* JVM noise, if any */
                }
                assertEquals("streaming", line, "the client process never streamed");
                assertEquals(1, server.activeSessions());
                assertEquals(1, server.chipsInUse());
                client.destroyForcibly();
                assertTrue(client.waitFor(20, TimeUnit.SECONDS));
            }
            // The session waits briefly for a resume that never comes, then its chip goes back to
            // the pool.
            Await.until(
                    "the dead client's session is freed",
                    () -> server.activeSessions() == 0 && server.chipsInUse() == 0);
            ServerMetrics.Snapshot m = server.metrics().snapshot();
            assertEquals(0, m.connections());
            assertEquals(0, m.detachedSessions());
            assertTrue(m.steps() > 100);
            // And the chip serves the next client.
            try (DeviceClient next = DeviceClient.connect("127.0.0.1", port)) {
                next.load(net);
                next.step(0, new int[] {1});
            }
        }
    }

    @Test
    void withoutResumeASessionIsFreedAsSoonAsItsConnectionDrops() throws Exception {
        try (EmulatedChipServer server =
                new EmulatedChipServer(ServerOptions.defaults().withResumeTimeout(Duration.ZERO))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (RawConnection raw = new RawConnection(at)) {
                Frame ack =
                        raw.call(
                                Frame.newBuilder()
                                        .setHello(
                                                Hello.newBuilder()
                                                        .setProtocolVersion(2)
                                                        .addCapabilities("resume")));
                assertTrue(
                        ack.getHelloAck().getCapabilitiesList().isEmpty(), "resume is not granted");
                assertEquals(1, server.activeSessions());
                raw.socket().setSoLinger(true, 0);
            }
            Await.until(
                    "the session is freed",
                    () -> server.activeSessions() == 0 && server.chipsInUse() == 0);
        }
    }

    @Test
    void aRestartedServerGetsTheNetworkAgainAndInterruptedSamplesRunAgain() throws Exception {
        ServerOptions options = ServerOptions.defaults().withDrainTimeout(Duration.ofSeconds(2));
        EmulatedChipServer first = new EmulatedChipServer(options);
        int port = first.start("127.0.0.1", 0).getPort();
        AtomicReference<EmulatedChipServer> second = new AtomicReference<>();
        ClientOptions co =
                ClientOptions.defaults()
                        .withRetry(
                                new RetryPolicy(
                                        100, Duration.ofMillis(10), Duration.ofMillis(100)));
        try (DeviceClient chip = DeviceClient.connect("127.0.0.1", port, co)) {
            String before = chip.sessionId();
            chip.load(net);
            DeviceSampleRunner runner = new DeviceSampleRunner(chip);
            Simulator ref = new Simulator(net);
            Random r = new Random(31);
            CountDownLatch streaming = new CountDownLatch(1);
            Thread restart =
                    new Thread(
                            () -> {
                                try {
                                    streaming.await();
                                    first.close(); // drains: the sample in progress is finished
                                    // or refused, never half-run
                                    EmulatedChipServer s = new EmulatedChipServer(options);
                                    s.start("127.0.0.1", port);
                                    second.set(s);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "restart");
            restart.start();
            for (int i = 0; i < 40; i++) {
                if (i == 3) streaming.countDown();
                SpikeTrain train = TestNetworks.randomTrain(r, 8, 60, 0.4);
                SampleResult want = SampleRunner.run(ref, train, 60);
                SampleResult got = runner.run(train, 60);
                assertArrayEquals(want.scores(), got.scores(), "sample " + i);
                if (i == 20) restart.join(20_000);
            }
            assertNotNull(second.get(), "the server came back");
            assertNotEquals(before, chip.sessionId(), "a new session on the new server");
            assertEquals(net.getName(), chip.loaded().getNetwork());
            assertEquals(1, second.get().metrics().snapshot().sessionsOpened());
        } finally {
            first.close();
            if (second.get() != null) second.get().close();
        }
    }

    @Test
    void shutdownFinishesOrRefusesEveryRequestItReceived() throws Exception {
        EmulatedChipServer server = new EmulatedChipServer(ServerOptions.defaults());
        InetSocketAddress at = server.start("127.0.0.1", 0);
        try (DeviceClient chip =
                DeviceClient.connect(
                        "127.0.0.1",
                        at.getPort(),
                        ClientOptions.defaults().withRetry(RetryPolicy.none()))) {
            chip.load(net);
            SpikeTrain train = TestNetworks.randomTrain(new Random(2), 8, 3000, 0.4);
            List<CompletableFuture<OutputStep>> replies = new ArrayList<>();
            Thread closer = new Thread(server::close, "close");
            for (int t = 0; t < 3000; t++) {
                replies.add(chip.stepAsync(t, train.spikesPerStep()[t]));
                if (t == 200) {
                    DeviceClient.join(
                            replies.get(100)); // some work done for sure, much more in flight
                    closer.start();
                }
            }
            closer.join(20_000);
            Simulator ref = new Simulator(net);
            int done = 0, refused = 0, unsent = 0;
            for (int t = 0; t < replies.size(); t++) {
                try {
                    OutputStep got = replies.get(t).join();
                    assertEquals(
                            t, done, "steps run form a prefix: nothing after a refused step ran");
                    ResumeTest.assertStep(
                            ref,
                            train.spikesPerStep()[t],
                            Frame.newBuilder().setOutputStep(got).build());
                    done++;
                } catch (CompletionException e) {
                    DeviceException d = (DeviceException) e.getCause();
                    if (d instanceof DeviceConnectionException)
                        unsent++; // never reached the device: Close came first
                    else {
                        assertEquals(ErrorCode.SHUTTING_DOWN, d.code(), d.getMessage());
                        assertTrue(d.retryable());
                        refused++;
                    }
                }
            }
            assertTrue(done > 0, "the steps received before the shutdown ran");
            assertEquals(3000, done + refused + unsent);
            assertEquals(0, server.activeSessions());
        } finally {
            server.close();
        }
    }

    @Test
    void aPeerThatStopsReadingCannotMakeTheServerBufferWithoutBound() throws Exception {
        // 400 cores: each Telemetry reply is several KiB while each request is a few bytes.
        ChipProfile oneNeuronPerCore =
                BuiltinNetworks.anyProfile("tiny-cores").toBuilder().setNeuronsPerCore(1).build();
        CompiledNetwork wide =
                BuiltinNetworks.dense("wide", oneNeuronPerCore, 16, 390, 10, true, 4, 5);
        int requests = 4_000;
        try (EmulatedChipServer server = new EmulatedChipServer(ServerOptions.defaults());
                Socket slow = new Socket("127.0.0.1", server.start("127.0.0.1", 0).getPort())) {
            InetSocketAddress at = server.address();
            RawConnection raw = new RawConnection(slow);
            raw.call(Frame.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(2)));
            byte[] bytes = ArtifactBytes.of(wide);
            raw.call(
                    Frame.newBuilder()
                            .setLoadChunk(
                                    LoadChunk.newBuilder()
                                            .setData(ByteString.copyFrom(bytes))
                                            .setLast(true)
                                            .setTotalBytes(bytes.length)
                                            .setCrc32C(ArtifactBytes.crc32c(bytes))));
            for (int t = 0;
                    t < 5;
                    t++) { // some activity on every core, so the per-core counters are not empty
                raw.call(
                        Frame.newBuilder()
                                .setInputStep(
                                        dev.spikeforge.proto.InputStep.newBuilder()
                                                .setStep(t)
                                                .addAllSpikes(
                                                        java.util.List.of(
                                                                0, 3, 5, 8, 9, 12, 14, 15))));
            }
            int replyBytes =
                    raw.call(
                                    Frame.newBuilder()
                                            .setTelemetryRequest(
                                                    TelemetryRequest.getDefaultInstance()))
                            .getSerializedSize();
            assertTrue(replyBytes > 4000, "reply of " + replyBytes + " bytes");

            // About 20 MiB of replies in all, five times the bound checked below, and the peer
            // reads none of them for now.
            Thread writer =
                    new Thread(
                            () -> {
                                try {
                                    OutputStream out = slow.getOutputStream();
                                    for (int i = 0; i < requests; i++) {
                                        Frame.newBuilder()
                                                .setSeq(9 + i)
                                                .setTelemetryRequest(
                                                        TelemetryRequest.getDefaultInstance())
                                                .build()
                                                .writeDelimitedTo(out);
                                    }
                                    out.flush();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            "slow-writer");
            writer.setDaemon(true);
            writer.start();
            Await.until(
                    "the server stops reading from the slow peer",
                    () -> server.metrics().snapshot().readPauses() > 0);

            // Meanwhile another session is served as usual.
            try (DeviceClient other = DeviceClient.connect(at)) {
                other.load(net);
                assertEquals(0, other.step(0, new int[] {2}).getStep());
            }
            long peak = server.metrics().snapshot().peakPendingWriteBytes();
            // The write high-water mark (1 MiB) plus what one session batch may add: nowhere near
            // 20 000 replies.
            assertTrue(peak < 4L << 20, "the server buffered " + peak + " bytes of replies");

            // Once the peer reads, every reply arrives, in order: backpressure delayed them,
            // nothing was dropped.
            for (int i = 0; i < requests; i++) {
                Frame f = raw.read();
                assertEquals(9 + i, f.getAck());
                assertEquals(Frame.BodyCase.TELEMETRY, f.getBodyCase());
            }
            writer.join(30_000);
            assertTrue(server.metrics().snapshot().peakPendingWriteBytes() < 4L << 20);
        }
    }
}
