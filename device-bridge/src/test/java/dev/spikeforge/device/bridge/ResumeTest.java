package dev.spikeforge.device.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.device.bridge.client.ClientOptions;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.client.RetryPolicy;
import dev.spikeforge.device.bridge.codec.ArtifactBytes;
import dev.spikeforge.device.bridge.device.CounterTotals;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.HelloAck;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadChunk;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A session survives the loss of its connection: nothing lost, nothing run twice. */
class ResumeTest {
    private final CompiledNetwork net = TestNetworks.readoutNetwork(17);

    private static ServerOptions resumable() {
        return ServerOptions.defaults().withResumeTimeout(Duration.ofSeconds(20));
    }

    @Test
    void theDeviceSendsAgainExactlyTheRepliesTheHostMissed() throws Exception {
        try (EmulatedChipServer server = new EmulatedChipServer(resumable())) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            int[][] in = TestNetworks.randomTrain(new Random(4), 8, 11, 0.4).spikesPerStep();
            Simulator ref = new Simulator(net);
            String session;
            try (RawConnection first = new RawConnection(at)) {
                HelloAck ack =
                        first.call(
                                        Frame.newBuilder()
                                                .setHello(
                                                        Hello.newBuilder()
                                                                .setProtocolVersion(2)
                                                                .addCapabilities("resume")))
                                .getHelloAck();
                assertTrue(ack.getCapabilitiesList().contains("resume"));
                session = ack.getSessionId();
                byte[] bytes = ArtifactBytes.of(net);
                assertEquals(
                        Frame.BodyCase.LOAD_ACK,
                        first.call(
                                        Frame.newBuilder()
                                                .setLoadChunk(
                                                        LoadChunk.newBuilder()
                                                                .setData(ByteString.copyFrom(bytes))
                                                                .setLast(true)
                                                                .setTotalBytes(bytes.length)
                                                                .setCrc32C(
                                                                        ArtifactBytes.crc32c(
                                                                                bytes))))
                                .getBodyCase());
                for (int t = 0; t < 10; t++) first.send(step(t, in[t])); // host seqs 3..12
                for (int t = 0; t < 3; t++)
                    assertStep(ref, in[t], first.read()); // device seqs 3..5 arrive
                Await.until(
                        "the device ran all 10 steps",
                        () -> server.metrics().snapshot().steps() == 10);
                first.socket().setSoLinger(true, 0); // the connection dies with 7 replies unread
            }
            Await.until(
                    "the session is detached",
                    () -> server.metrics().snapshot().detachedSessions() == 1);
            try (RawConnection second = new RawConnection(at)) {
                second.nextSeq(0);
                Frame resumed =
                        second.call(
                                Frame.newBuilder()
                                        .setHello(
                                                Hello.newBuilder()
                                                        .setProtocolVersion(2)
                                                        .addCapabilities("resume")
                                                        .setSessionId(session)
                                                        .setLastReceivedSeq(5)));
                assertTrue(resumed.getHelloAck().getResumed());
                assertEquals(session, resumed.getHelloAck().getSessionId());
                assertEquals(13, resumed.getHelloAck().getNextSeq());
                for (int t = 3; t < 10; t++) {
                    Frame f = second.read();
                    assertEquals(t + 3, f.getSeq());
                    assertEquals(t + 3, f.getAck());
                    assertStep(ref, in[t], f);
                }
                second.nextSeq(13);
                assertStep(ref, in[10], second.readAfter(second.send(step(10, in[10]))));
            }
            assertEquals(11, server.metrics().snapshot().steps(), "every step ran exactly once");
            assertEquals(1, server.metrics().snapshot().sessionsResumed());
        }
    }

    @Test
    void anUnknownSessionCannotBeResumedButTheConnectionCanOpenANewOne() throws Exception {
        try (EmulatedChipServer server = new EmulatedChipServer(resumable())) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (RawConnection raw = new RawConnection(at)) {
                raw.nextSeq(0);
                Frame f =
                        raw.call(
                                Frame.newBuilder()
                                        .setHello(
                                                Hello.newBuilder()
                                                        .setProtocolVersion(2)
                                                        .setSessionId("no-such-session")));
                assertEquals(ErrorCode.RESUME_FAILED, f.getError().getCode(), f.toString());
                raw.nextSeq(1);
                assertEquals(
                        Frame.BodyCase.HELLO_ACK,
                        raw.call(
                                        Frame.newBuilder()
                                                .setHello(Hello.newBuilder().setProtocolVersion(2)))
                                .getBodyCase());
            }
        }
    }

    @Test
    void theClientRidesThroughConnectionCutsMidStream() throws Exception {
        try (EmulatedChipServer server = new EmulatedChipServer(resumable())) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (CuttableProxy proxy = new CuttableProxy(at)) {
                ClientOptions options =
                        ClientOptions.defaults()
                                .withWindow(64)
                                .withRetry(
                                        new RetryPolicy(
                                                50, Duration.ofMillis(5), Duration.ofMillis(100)));
                try (DeviceClient chip = DeviceClient.connect("127.0.0.1", proxy.port(), options)) {
                    String session = chip.sessionId();
                    chip.load(net);
                    AtomicInteger answered = new AtomicInteger();
                    Thread cutter =
                            new Thread(
                                    () -> {
                                        for (int mark : new int[] {40, 300, 620}) {
                                            while (answered.get() < mark) Thread.onSpinWait();
                                            proxy.cutAll();
                                        }
                                    },
                                    "cutter");
                    cutter.setDaemon(true);
                    cutter.start();
                    Random r = new Random(8);
                    int samples = 3, steps = 300;
                    for (int s = 0; s < samples; s++) {
                        if (s > 0) chip.reset();
                        SpikeTrain train = TestNetworks.randomTrain(r, 8, steps, 0.4);
                        List<CompletableFuture<OutputStep>> replies = new ArrayList<>();
                        for (int t = 0; t < steps; t++) {
                            replies.add(
                                    chip.stepAsync(t, train.spikesPerStep()[t])
                                            .whenComplete((o, e) -> answered.incrementAndGet()));
                        }
                        Simulator ref = new Simulator(net);
                        for (int t = 0; t < steps; t++) {
                            OutputStep got = DeviceClient.join(replies.get(t));
                            assertStep(
                                    ref,
                                    train.spikesPerStep()[t],
                                    Frame.newBuilder().setOutputStep(got).build());
                        }
                    }
                    cutter.join(10_000);
                    assertEquals(session, chip.sessionId(), "the same session throughout");
                    // The last cut may land after the last reply (the cutter thread can run late on
                    // a busy machine): the
                    // client then reconnects on its own, a moment later.
                    long until = System.nanoTime() + 5_000_000_000L;
                    while (proxy.accepted() < 4 && System.nanoTime() < until) Thread.sleep(5);
                    assertTrue(
                            proxy.accepted() >= 4,
                            "the client reconnected after each cut: " + proxy.accepted());
                    var m = server.metrics().snapshot();
                    assertEquals((long) samples * steps, m.steps(), "every step ran exactly once");
                    assertEquals(1, m.sessionsOpened());
                    assertTrue(m.sessionsResumed() >= 3, "resumed " + m.sessionsResumed());
                }
            }
        }
    }

    private static Frame.Builder step(int t, int[] spikes) {
        InputStep.Builder b = InputStep.newBuilder().setStep(t);
        for (int s : spikes) b.addSpikes(s);
        return Frame.newBuilder().setInputStep(b);
    }

    /**
     * The reply is the simulator's next step for {@code in}, bit for bit (spikes, readout,
     * counters).
     */
    static void assertStep(Simulator ref, int[] in, Frame reply) {
        assertEquals(Frame.BodyCase.OUTPUT_STEP, reply.getBodyCase(), reply.toString());
        OutputStep got = reply.getOutputStep();
        CounterTotals before = CounterTotals.of(ref.counters());
        StepOutput want = ref.step(in, in.length);
        assertEquals(want.step(), got.getStep());
        assertArrayEquals(
                want.spikesCopy(),
                got.getSpikesList().stream().mapToInt(Integer::intValue).toArray());
        assertArrayEquals(
                want.hasReadout() ? want.readout() : new int[0],
                got.getReadoutList().stream().mapToInt(Integer::intValue).toArray());
        assertEquals(
                CounterTotals.of(ref.counters()).minus(before),
                CounterTotals.of(got.getCounters()));
    }
}
